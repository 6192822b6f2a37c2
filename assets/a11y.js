/* Accessibility repairs for markup that Dash 4's own components render and that cannot be
 * set from Python (checked with axe-core in tests/browser/test_a11y.py, WCAG 2.1 AA):
 *
 * - Checklist / RadioItems render a role=listbox of role=option <label>s, each holding a
 *   native checkbox or radio: an interactive control inside another (nested-interactive)
 *   and a listbox without a name. The native inputs in their labels already say everything,
 *   so the two roles go; the layout wraps each list in a named group / radiogroup.
 * - Dropdown: its trigger <button> is named by its value only (aria-labelledby), and is
 *   reached through an aria-hidden, focusable decoy <input>. The button gets its <label for>
 *   text in its name and its own tab stop; the decoy is disabled. Its popover is a dialog of
 *   checkboxes or radios (the roles above go there too), named by the same label.
 * - Upload's file <input> and Slider's thumb have no name: the layout names them with
 *   data-a11y-name / data-a11y-desc / data-a11y-valuetext on a wrapper (ids of elements).
 * - Clipboard is a bare <div> with a click handler: the layout gives it the class
 *   "a11y-button", which makes it a button (role, tab stop, Enter and Space); its title
 *   names it.
 *
 * Every repair is idempotent (an attribute is written only when it differs), and a
 * MutationObserver re-applies them when React re-renders.
 */
(function () {
    "use strict";

    function set(el, name, value) {
        if (el.getAttribute(name) !== value) {
            el.setAttribute(name, value);
        }
    }

    function drop(el, name) {
        if (el.hasAttribute(name)) {
            el.removeAttribute(name);
        }
    }

    function textOf(id) {
        const el = document.getElementById(id);
        return el ? el.textContent.trim() : "";
    }

    function repairOptionLists(root) {
        root.querySelectorAll(".dash-options-list[role=listbox]").forEach(function (list) {
            drop(list, "role");
        });
        root.querySelectorAll(".dash-options-list-option[role=option]").forEach(function (opt) {
            drop(opt, "role");
        });
        root.querySelectorAll(".dash-options-list-option[aria-selected]").forEach(function (opt) {
            drop(opt, "aria-selected");
        });
    }

    function repairDropdowns(root) {
        root.querySelectorAll("input.dash-dropdown-focus-target:not([disabled])").forEach(
            function (decoy) {
                decoy.disabled = true;
            }
        );
        root.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
            set(button, "tabindex", "0");
            // Its popover is a dialog holding checkboxes / radios, not a listbox.
            set(button, "aria-haspopup", "dialog");
            const label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
            if (label && label.id) {
                const id = button.id;
                set(button, "aria-labelledby",
                    [label.id, id + "-value-count", id + "-value"].join(" "));
                // The open popover (role=dialog) is named by the same label.
                const controls = button.getAttribute("aria-controls");
                const popover = controls && document.getElementById(controls);
                if (popover) {
                    set(popover, "aria-labelledby", label.id);
                }
            }
        });
    }

    function repairNamedWrappers(root) {
        root.querySelectorAll("[data-a11y-name]").forEach(function (wrapper) {
            wrapper.querySelectorAll("input, [role=slider]").forEach(function (control) {
                set(control, "aria-labelledby", wrapper.getAttribute("data-a11y-name"));
                const desc = wrapper.getAttribute("data-a11y-desc");
                if (desc) {
                    set(control, "aria-describedby", desc);
                }
                const valueText = wrapper.getAttribute("data-a11y-valuetext");
                if (valueText && control.getAttribute("role") === "slider") {
                    const text = textOf(valueText);
                    if (text) {
                        set(control, "aria-valuetext", text);
                    }
                }
            });
        });
    }

    function repairButtons(root) {
        root.querySelectorAll(".a11y-button").forEach(function (el) {
            set(el, "role", "button");
            set(el, "tabindex", "0");
        });
    }

    function repair() {
        repairOptionLists(document);
        repairDropdowns(document);
        repairNamedWrappers(document);
        repairButtons(document);
    }

    // An "a11y-button" answers the keys of a button.
    document.addEventListener("keydown", function (event) {
        const el = event.target.closest && event.target.closest(".a11y-button");
        if (el && (event.key === "Enter" || event.key === " ")) {
            event.preventDefault();
            el.click();
        }
    });

    function start() {
        repair();
        // Once per batch of mutations; a repair that changes nothing writes nothing, so
        // its own mutations end the loop at once.
        new MutationObserver(repair).observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
            attributeFilter: ["role", "aria-selected", "aria-labelledby", "tabindex", "disabled"],
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
