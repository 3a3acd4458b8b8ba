// The print view's 打印本页 button: shown only where scripts run (the browser's own print
// command works without it).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
