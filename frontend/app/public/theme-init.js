// The theme chosen in the app (light or dark), else the system's.
(function () {
  var stored = null;
  try {
    stored = window.localStorage.getItem("sent.theme");
  } catch (e) {
    // Storage may be off (private mode): the system's preference it is.
  }
  var dark = stored === "dark" || (stored !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
})();
