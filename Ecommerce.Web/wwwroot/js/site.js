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
