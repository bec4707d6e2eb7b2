// A form with data-confirm asks before it deletes or removes something; Cancel sends nothing.
// Without JavaScript the form posts at once, as a plain form does.
document.addEventListener("submit", (event) => {
  const question = event.target.closest("form[data-confirm]")?.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
