// Progressive enhancement: proof of work for forms that carry data-pow-url.
// When the visitor starts filling in the form, the challenge is fetched from our own
// server; if one is asked (difficulty > 0), the browser finds a nonce such that
// SHA-256("<challenge>:<nonce>") starts with `difficulty` zero bits, and sends it with the
// form. No third party is involved. Without this script the form still works.
(function () {
  "use strict";
  var CHUNK = 20000; // hashes between two breaks for the page to stay responsive

  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var W = new Uint32Array(64);

  // The first 32 bits of SHA-256 of an ASCII string (all the puzzle needs to count zero
  // bits up to 32). Plain JavaScript: WebCrypto's digest() is asynchronous per call, which
  // made a browser about 30 times slower than a bot (bench/pow.py).
  function sha256First32(text) {
    var length = text.length;
    var blocks = ((length + 9 + 63) >> 6);
    var words = new Uint32Array(blocks * 16);
    for (var i = 0; i < length; i++) { words[i >> 2] |= text.charCodeAt(i) << (24 - (i & 3) * 8); }
    words[length >> 2] |= 0x80 << (24 - (length & 3) * 8);
    words[blocks * 16 - 1] = length * 8;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    var h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var b = 0; b < blocks; b++) {
      for (var t = 0; t < 16; t++) { W[t] = words[b * 16 + t]; }
      for (t = 16; t < 64; t++) {
        var x = W[t - 15], y = W[t - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
      }
      var a = h0, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7, bb = h1;
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }

  function zeroBits(first32) {
    return first32 === 0 ? 32 : Math.clz32(first32);
  }

  // Resolves with the first nonce (a decimal string) that solves the challenge, the same
  // one core.proofofwork.solve finds.
  function solve(challenge, difficulty) {
    var prefix = challenge + ":";
    var nonce = 0;
    return new Promise(function (resolve) {
      function chunk() {
        for (var end = nonce + CHUNK; nonce < end; nonce++) {
          if (zeroBits(sha256First32(prefix + nonce)) >= difficulty) {
            resolve(String(nonce));
            return;
          }
        }
        window.setTimeout(chunk, 0);
      }
      chunk();
    });
  }

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function enhance(form) {
    var pending = null;
    function start() {
      if (!pending) {
        pending = fetch(form.getAttribute("data-pow-url"), { credentials: "omit", cache: "no-store" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (!data.difficulty) { return null; }
            return solve(data.challenge, data.difficulty).then(function (nonce) {
              return { challenge: data.challenge, nonce: nonce };
            });
          })
          .catch(function () { return null; });
      }
      return pending;
    }
    form.addEventListener("focusin", start);
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-pow-ready") === "1") { return; }
      event.preventDefault();
      form.setAttribute("aria-busy", "true");
      start().then(function (proof) {
        if (proof) {
          hidden(form, "pow_challenge", proof.challenge);
          hidden(form, "pow_nonce", proof.nonce);
        }
        form.setAttribute("data-pow-ready", "1");
        form.removeAttribute("aria-busy");
        form.submit();
      });
    });
  }

  window.ssmProofOfWork = { solve: solve, sha256First32: sha256First32 };
  if (!window.fetch || !window.Promise) { return; }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-pow-url]");
    for (var i = 0; i < forms.length; i++) { enhance(forms[i]); }
  });
})();
