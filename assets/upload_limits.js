/* A file the upload will not send, said as such (issue 15).
 *
 * dcc.Upload refuses a file over its max_size, or of a kind outside its accept list, without
 * a word: react-dropzone drops it and no callback fires. This script sees the same file
 * first (the file input's "change" and the drop zone's "drop", in the capture phase), with
 * the same rules, read from the upload's wrapper:
 *
 *   data-upload-max     the largest file in bytes (the Upload's max_size)
 *   data-upload-accept  the accepted extensions, comma-separated (the Upload's accept)
 *
 * and for a refused file puts {name, size, reason: "size" | "type", t} into the store
 * "upload-rejected" (window.dash_clientside.set_props): a server callback then writes the
 * usual upload error, in the page language, and the data already shown stays. The file
 * itself is never read nor sent. No inline script, no eval (the page's CSP forbids both).
 */
(function () {
    "use strict";

    var STORE = "upload-rejected";
    var NAME_LENGTH = 200;

    function wrapper(el) {
        return el && el.closest ? el.closest("[data-upload-max]") : null;
    }

    function accepted(name, accept) {
        var lower = String(name).toLowerCase();
        var list = String(accept || "").split(",");
        var any = false;
        for (var i = 0; i < list.length; i++) {
            var ext = list[i].trim().toLowerCase();
            if (!ext) {
                continue;
            }
            any = true;
            if (ext.charAt(0) === "." && lower.slice(-ext.length) === ext) {
                return true;
            }
        }
        return !any;
    }

    function check(files, box) {
        if (!files || !files.length || !box) {
            return;
        }
        var file = files[0];
        var max = Number(box.getAttribute("data-upload-max")) || 0;
        var reason = null;
        if (!accepted(file.name, box.getAttribute("data-upload-accept"))) {
            reason = "type";
        } else if (max > 0 && file.size > max) {
            reason = "size";
        }
        if (!reason || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        window.dash_clientside.set_props(STORE, {
            data: {
                name: String(file.name).slice(0, NAME_LENGTH),
                size: file.size,
                reason: reason,
                t: Date.now(),
            },
        });
    }

    document.addEventListener(
        "change",
        function (event) {
            var input = event.target;
            if (input && input.type === "file") {
                check(input.files, wrapper(input));
            }
        },
        true
    );

    document.addEventListener(
        "drop",
        function (event) {
            var box = wrapper(event.target);
            if (box && event.dataTransfer) {
                check(event.dataTransfer.files, box);
            }
        },
        true
    );
})();
