/* When a callback request fails, say so (issue 15).
 *
 * Dash's renderer has no hook for a failed request: a 5xx or 4xx answer to
 * _dash-update-component, or a network error (a worker killed mid-request, the connection
 * lost), leaves the page silently out of step. This wraps window.fetch for that route only
 * and, on such a failure, shows an alert at the top of the page in the page language, with
 * a "Retry" button that reloads the page at its current address (the view lives in the
 * URL: nothing is lost). 204 (nothing to update) is not a failure. What the alert says
 * follows what happened: no answer (a network error, 5xx), a login that lapsed (401, 403),
 * or a request the server refused (another 4xx).
 *
 * An alert goes when the user acts again: the next callback request that starts more than
 * a second after it appeared hides it (and shows it again if that one fails too). The
 * same holds for the alert a failed callback gets from the server (its answer's
 * sideUpdate names #callback-error), which is emptied through dash_clientside.set_props.
 *
 * The alert is an element of its own, outside the part of the page Dash draws, so that no
 * re-render removes it. Its texts are in the layout (data-texts on #callback-error, one
 * entry per language, see dashboard/callbacks/errors.py); <html lang> names the page
 * language (set by a clientside callback). The same button class, in the alert a failed
 * callback gets from the server (errors.on_error), reloads the page too.
 *
 * No inline script, no eval: the page's Content-Security-Policy allows neither.
 */
(function () {
    "use strict";

    var ROUTE = "_dash-update-component";
    var TEXTS_HOLDER = "callback-error";
    var BOX_ID = "request-error";
    var RETRY_CLASS = "error-retry";
    var FALLBACK = {
        request: "The server did not answer (the connection was lost or the server had a " +
            "problem). The data on screen is unchanged and may not match your last choice: " +
            "try again, or reload the page.",
        login: "The server asks you to log in again. The data on screen is unchanged: " +
            "reload the page to log in.",
        refused: "The server refused this request. The data on screen is unchanged and may " +
            "not match your last choice: reload the page.",
        retry: "Retry"
    };
    var QUIET_MS = 1000;  // an alert stays at least this long
    var shownAt = 0;  // when this script's alert appeared (0: not shown)
    var serverShownAt = 0;  // when the server's alert (#callback-error) was filled

    function texts() {
        var lang = (document.documentElement.getAttribute("lang") || "en").slice(0, 2);
        var holder = document.getElementById(TEXTS_HOLDER);
        try {
            var all = JSON.parse(holder.getAttribute("data-texts"));
            return all[lang] || all.en || FALLBACK;
        } catch (e) {
            return FALLBACK;
        }
    }

    function kindOf(status) {
        if (status === 401 || status === 403) {
            return "login";
        }
        return status >= 400 && status < 500 ? "refused" : "request";
    }

    function clearAlerts() {
        var now = Date.now();
        var box = document.getElementById(BOX_ID);
        if (box && !box.hidden && shownAt && now - shownAt > QUIET_MS) {
            box.hidden = true;
            shownAt = 0;
        }
        if (serverShownAt && now - serverShownAt > QUIET_MS && window.dash_clientside &&
                window.dash_clientside.set_props) {
            window.dash_clientside.set_props(TEXTS_HOLDER, {children: null});
            serverShownAt = 0;
        }
    }

    function noteServerAlert(response) {
        response.clone().json().then(function (body) {
            if (body && body.sideUpdate && body.sideUpdate[TEXTS_HOLDER]) {
                serverShownAt = Date.now();
            }
        }, function () { /* not JSON: nothing to note */ });
    }

    function showFailure(kind) {
        var box = document.getElementById(BOX_ID);
        if (!box) {
            box = document.createElement("div");
            box.id = BOX_ID;
            box.className = "request-error";
            box.setAttribute("role", "alert");
            box.appendChild(document.createElement("p"));
            var button = document.createElement("button");
            button.type = "button";
            button.className = RETRY_CLASS;
            box.appendChild(button);
            document.body.insertBefore(box, document.body.firstChild);
        }
        var t = texts();
        box.querySelector("p").textContent = t[kind] || t.request || FALLBACK[kind];
        box.querySelector("button").textContent = t.retry;
        box.hidden = false;
        shownAt = Date.now();
    }

    document.addEventListener("click", function (event) {
        var target = event.target;
        if (target && target.closest && target.closest("." + RETRY_CLASS)) {
            event.preventDefault();
            window.location.reload();
        }
    });

    var original = window.fetch;
    if (typeof original !== "function") {
        return;
    }
    window.fetch = function (input) {
        var url = typeof input === "string" ? input : (input && input.url) || String(input);
        if (url.indexOf(ROUTE) === -1) {
            return original.apply(window, arguments);
        }
        clearAlerts();  // the user acts again: an old alert goes
        return original.apply(window, arguments).then(
            function (response) {
                if (response.status >= 400) {
                    showFailure(kindOf(response.status));
                } else if (response.status === 200) {
                    noteServerAlert(response);
                }
                return response;
            },
            function (error) {
                showFailure("request");
                throw error;
            }
        );
    };
})();
