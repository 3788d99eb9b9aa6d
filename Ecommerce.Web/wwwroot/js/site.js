// Identity UI's "Configure authenticator app" page leaves a place for a QR code: fill it with the one the
// server draws for the signed-in user (/account/authenticator-qr.svg), so the secret never appears in a URL.
(function () {
    var target = document.getElementById("qrCode");
    if (!target) return;
    var img = document.createElement("img");
    img.src = "/account/authenticator-qr.svg";
    img.alt = "QR code to scan with your authenticator app";
    img.width = 200;
    img.height = 200;
    target.appendChild(img);
})();

// Search-as-you-type for the header's search box: asks /api/v1/search/suggest (a small JSON call, no Blazor
// circuit per visitor) and lists products and categories under the box. Without JavaScript the form still works.
// Enhanced navigation replaces the header, so the box is set up again after every page it loads.
(function () {
    function setup() {
        var input = document.getElementById("site-search");
        if (!input || input.dataset.suggestions === "on") return;
        input.dataset.suggestions = "on";
        var list = document.createElement("ul");
        list.className = "suggestions";
        list.id = "site-search-suggestions";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-autocomplete", "list");
        input.parentNode.appendChild(list);
        var timer = null, lastQuery = "";

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(load, 120);
        });
        input.addEventListener("keydown", function (e) {
            if (e.key === "Escape") list.hidden = true;
            if (e.key === "ArrowDown" && !list.hidden) { var first = list.querySelector("a"); if (first) { first.focus(); e.preventDefault(); } }
        });

        function load() {
            var q = input.value.trim();
            if (q === lastQuery) return;
            lastQuery = q;
            if (q.length < 2) { list.hidden = true; return; }
            fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q))
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) {
                    if (q !== lastQuery) return;
                    list.textContent = "";
                    items.forEach(function (item) {
                        var li = document.createElement("li");
                        var a = document.createElement("a");
                        a.href = item.url;
                        a.setAttribute("role", "option");
                        a.textContent = (item.kind === "category" ? "In category: " : "") + item.text;
                        li.appendChild(a);
                        list.appendChild(li);
                    });
                    list.hidden = items.length === 0;
                })
                .catch(function () { list.hidden = true; });
        }
    }
    document.addEventListener("click", function (e) {
        var list = document.getElementById("site-search-suggestions");
        if (list && !list.contains(e.target) && e.target.id !== "site-search") list.hidden = true;
    });
    setup();
    if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", setup);
})();

// Flash-deal countdowns: the server renders the remaining time; this keeps it ticking.
(function () {
    function tick() {
        document.querySelectorAll(".countdown[data-ends-at]").forEach(function (el) {
            var left = Math.max(0, new Date(el.getAttribute("data-ends-at")) - new Date());
            var s = Math.floor(left / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
            var value = el.querySelector(".countdown-value");
            if (value) value.textContent = (d > 0 ? d + "d " : "") + h + "h " + m + "m " + (s % 60) + "s";
        });
    }
    setInterval(tick, 1000);
})();

// Blazor's enhanced navigation swaps pages without running scripts again: these set-ups listen on the document
// (or run again after each "enhancedload") so they work however the page was reached.
(function () {
    function onEveryPage(setup) {
        setup();
        if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", setup);
    }

    // Product page: choosing another option shows it at once (without JavaScript, "Show this option" does).
    onEveryPage(function () {
        document.querySelectorAll(".variant-picker button[type=submit]").forEach(function (b) { b.hidden = true; });
    });
    document.addEventListener("change", function (e) {
        var picker = e.target.closest && e.target.closest(".variant-picker");
        if (picker) picker.submit();
    });

    // Checkout: the new-address fields only matter when "A new address" is chosen.
    function showNewAddress() {
        var fields = document.querySelector("#checkout-form [data-new-address]");
        var chosen = document.querySelector("#checkout-form input[name='Form.AddressId']:checked");
        if (fields) fields.hidden = chosen !== null && chosen.value !== "0";
    }
    onEveryPage(showNewAddress);
    document.addEventListener("change", function (e) {
        if (e.target.name === "Form.AddressId") showNewAddress();
    });

    // Order page: "Print receipt" (a click handler here, as the page's policy allows no inline script).
    document.addEventListener("click", function (e) {
        if (e.target.closest && e.target.closest("[data-print]")) window.print();
    });

    // Checkout: while the page is open, its stock holds are renewed every minute (POST /checkout/hold with the
    // page's antiforgery token). Not needed for correctness: placing the order reserves the stock again.
    setInterval(function () {
        var form = document.getElementById("checkout-form");
        var token = form && form.querySelector("input[name='__RequestVerificationToken']");
        if (!token) return;
        fetch(form.getAttribute("data-hold-renew"), { method: "POST", credentials: "same-origin", headers: { "RequestVerificationToken": token.value } })
            .catch(function () { });
    }, 60000);
})();

// The consoles' reconnect message: a paused session (Blazor.pauseCircuit) comes back when the user asks for it.
document.addEventListener("click", function (e) {
    if (!e.target.closest || !e.target.closest("#components-reconnect-modal .reconnect-resume")) return;
    Blazor.resumeCircuit();
});
