// Articles and videos mark themselves done: an article once its end has come into view, a video
// once it has ended (or 90% of it has played), a video that lives elsewhere once it is opened.
// Without this script the "Mark as done" button does the same by a plain form.
(() => {
  const box = document.querySelector("[data-mark-done]");
  if (!box) return;
  const form = box.querySelector("form");
  const status = box.querySelector("[role=status]");
  let sending = false;
  let refused = false; // the server said no: only the button tries again

  function show(words, isError) {
    status.classList.toggle("error", isError);
    if (isError) {
      status.textContent = words;
      return;
    }
    const icon = document.createElement("span");
    icon.className = "done-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "✓";
    status.replaceChildren(icon, ` ${words}`);
  }

  async function markDone(byHand = false) {
    if (!form || box.dataset.done === "true" || sending || (refused && !byHand)) return;
    sending = true;
    let answer = {};
    let ok = false;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form), // with the CSRF token and the assignment, if any
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      ok = response.ok;
      if ((response.headers.get("Content-Type") || "").includes("json")) {
        answer = await response.json();
      }
    } catch {
      answer = { detail: "The server could not be reached. Try “Mark as done” again." };
    }
    sending = false;
    if (ok) {
      box.dataset.done = "true";
      form.hidden = true;
      show(answer.message, false);
    } else {
      refused = true;
      show(answer.detail || "It could not be marked as done. Reload the page and try again.", true);
    }
  }

  if (!form) return; // already done: nothing to post
  form.querySelector("[data-marks-itself]").hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    markDone(true);
  });

  // An article: once its end comes into view.
  const end = document.querySelector("[data-reading-end]");
  if (end && "IntersectionObserver" in window) {
    const watcher = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        watcher.disconnect();
        markDone();
      }
    });
    watcher.observe(end);
  }

  // Opening the original, in a new tab, counts as watching it there.
  for (const link of document.querySelectorAll("[data-marks-done]")) {
    link.addEventListener("click", () => markDone());
    link.addEventListener("auxclick", (event) => event.button === 1 && markDone());
  }

  // A video file in the page's own player.
  const video = document.querySelector("video[data-player]");
  if (video) {
    const secondsPlayed = () => {
      let total = 0;
      for (let i = 0; i < video.played.length; i += 1) total += video.played.end(i) - video.played.start(i);
      return total;
    };
    video.addEventListener("ended", () => markDone());
    video.addEventListener("timeupdate", () => {
      if (Number.isFinite(video.duration) && secondsPlayed() >= 0.9 * video.duration) markDone();
    });
  }

  // YouTube's and Vimeo's players run in another site's frame: they tell the page that the video
  // ended only by postMessage, once asked to (without loading their scripts into this page).
  const frame = document.querySelector("iframe[data-player]");
  if (frame) {
    const origin = new URL(frame.src).origin;
    const youtube = frame.dataset.player === "youtube";
    const widget = { id: "proficio-player", channel: "widget" }; // YouTube's message envelope
    const ask = () => {
      const message = youtube
        ? JSON.stringify({ event: "listening", ...widget })
        : { method: "addEventListener", value: "ended" };
      frame.contentWindow.postMessage(message, origin); // dropped until the player has loaded
    };
    // Ask every half second until the player answers (it ignores messages before it is ready).
    let heard = false;
    let asking = null;
    const keepAsking = () => {
      let asked = 0;
      clearInterval(asking);
      asking = setInterval(() => {
        asked += 1;
        if (heard || asked > 60) clearInterval(asking);
        else ask();
      }, 500);
    };
    keepAsking();
    frame.addEventListener("load", keepAsking);
    window.addEventListener("message", (event) => {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      let data = event.data;
      if (typeof data === "string") {
        try {
          data = JSON.parse(data);
        } catch {
          return;
        }
      }
      if (!data || typeof data !== "object") return;
      if (youtube && !heard) {
        const subscribe = { event: "command", func: "addEventListener", args: ["onStateChange"] };
        frame.contentWindow.postMessage(JSON.stringify({ ...subscribe, ...widget }), origin);
      }
      heard = true;
      const ended = youtube
        ? (data.event === "onStateChange" && data.info === 0) ||
          (data.event === "infoDelivery" && data.info && data.info.playerState === 0)
        : data.event === "ended";
      if (!youtube && data.event === "ready") ask();
      if (ended) markDone();
    });
  }
})();
