// "Skip the animation" stops the level-up celebration's stars.
document.addEventListener("click", (event) => {
  event.target.closest(".celebration-skip")?.closest(".celebration")?.classList.add("is-skipped");
});
