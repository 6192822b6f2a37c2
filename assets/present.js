/* Presentation mode (issue 14): while the page is presenting (class "presenting" on #page),
 * the arrow keys, Page Up / Page Down (what a presenter's remote sends) and Escape press the
 * presentation bar's buttons, unless a text field, a list or a slider has the focus. When
 * the page starts or stops presenting, the map is told its box changed size. */
(function () {
    "use strict";

    var KEYS = {
        ArrowRight: "present-next", PageDown: "present-next",
        ArrowLeft: "present-prev", PageUp: "present-prev",
        Escape: "present-exit"
    };

    function presenting() {
        var page = document.getElementById("page");
        return !!page && page.classList.contains("presenting");
    }

    function typing(el) {
        if (!el) { return false; }
        var tag = (el.tagName || "").toLowerCase();
        return tag === "input" || tag === "textarea" || tag === "select" ||
            el.isContentEditable || !!el.closest("[role=slider], .dash-dropdown-content");
    }

    document.addEventListener("keydown", function (event) {
        var target = KEYS[event.key];
        if (!target || !presenting() || typing(document.activeElement) ||
                event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        var button = document.getElementById(target);
        if (button) {
            event.preventDefault();
            button.click();
        }
    });

    var was = null;
    new MutationObserver(function () {
        var now = presenting();
        if (now !== was) {
            was = now;
            // Plotly sizes a graph to its box on a window resize
            window.setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 50);
        }
    }).observe(document.documentElement, {subtree: true, attributes: true,
                                          attributeFilter: ["class"]});
}());
