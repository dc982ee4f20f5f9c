// The desk's drop zone: files dropped on it go into the file input, and
// the chosen files are named. Without the script the file input works as
// it is.
(function () {
  "use strict";
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  if (!drop || !input) { return; }
  function show() {
    var names = [];
    for (var i = 0; i < input.files.length; i++) { names.push(input.files[i].name); }
    chosen.textContent = names.length ? "Valgt: " + names.join(", ") : "";
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("dk-over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("dk-over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      show();
    }
  });
})();
