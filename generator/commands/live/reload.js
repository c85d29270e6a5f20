// certwarn serve: reload this page when a build finishes, show the error when one fails.
(function () {
  var shown = Number(document.currentScript.dataset.generation);
  var events = new EventSource("/__certwarn__/events?since=" + shown);
  events.addEventListener("build", function (event) {
    var build = JSON.parse(event.data);
    if (build.error === null) {
      events.close();
      location.reload();
      return;
    }
    var box = document.getElementById("certwarn-build-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "certwarn-build-error";
      box.setAttribute("role", "alert");
      document.body.prepend(box);
    }
    box.style.cssText = BOX_STYLE;
    box.textContent = build.error;
  });
})();
