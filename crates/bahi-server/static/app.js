// Progressive enhancement only: every page works without this file. It adds "Copy" buttons
// next to fields marked data-copy (invitation links, new tokens).
document.querySelectorAll("[data-copy]").forEach(function (field) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = field.getAttribute("data-copy-label") || "Copy";
  button.addEventListener("click", function () {
    field.select();
    var done = function () { button.textContent = field.getAttribute("data-copied-label") || "Copied"; };
    if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done); } else { document.execCommand("copy"); done(); }
  });
  field.insertAdjacentElement("afterend", button);
});
