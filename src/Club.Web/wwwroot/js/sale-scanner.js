// The seller's scanner: reads the tag's QR code with the phone camera, or from a photo, using ZXing's
// browser port (wwwroot/lib, installed from npm at build time), puts the serial into the form and
// sends it. Without scripts or a camera the form still works by typing the serial.
(function () {
  'use strict';
  var form = document.getElementById('record-sale');
  var serial = document.getElementById('serial');
  var panel = document.getElementById('scanner');
  if (!form || !serial || !panel || !window.ZXingBrowser) {
    return;
  }

  var video = document.getElementById('scanner-video');
  var start = document.getElementById('scanner-start');
  var photo = document.getElementById('scanner-photo');
  var status = document.getElementById('scanner-status');
  // The form that sends a photo to the server: the scanner's photo button takes its place, and uses it
  // when the browser cannot read a photo.
  var serverForm = document.getElementById('sale-photo');
  var serverInput = document.getElementById('sale-photo-file');
  // ZXing's hint keys: 1 = PURE_BARCODE, 3 = TRY_HARDER. Its finder-pattern search misses a few valid
  // codes whose data looks like a finder pattern; for a photo, the pure-barcode mode is the fallback
  // (a camera recovers by itself: every frame is another try).
  var reader = new ZXingBrowser.BrowserQRCodeReader(new Map([[3, true]]));
  var fallback = new ZXingBrowser.BrowserQRCodeReader(new Map([[1, true]]));
  var controls = null;
  panel.hidden = false;
  if (serverForm) {
    serverForm.hidden = true;
  }

  // A printed tag holds HTTPS://HOST/T/SERIAL; anything else is not one of ours.
  function serialOf(text) {
    var match = /\/T\/([0-9A-Za-z]{13})\/?$/.exec(text || '');
    return match ? match[1].toUpperCase() : null;
  }

  function use(text) {
    var found = serialOf(text);
    if (!found) {
      status.textContent = panel.dataset.notOurs;
      return false;
    }
    if (controls) {
      controls.stop();
      controls = null;
    }
    serial.value = found;
    status.textContent = found;
    form.requestSubmit ? form.requestSubmit() : form.submit();
    return true;
  }

  start.addEventListener('click', function () {
    status.textContent = panel.dataset.starting;
    video.hidden = false;
    reader.decodeFromVideoDevice(undefined, video, function (result, error, scanControls) {
      controls = scanControls;
      if (result) {
        use(result.getText());
      }
    }).catch(function () {
      video.hidden = true;
      status.textContent = panel.dataset.noCamera;
    });
  });

  // A photo is one picture, not a stream of frames: it is tried at a few sizes and with both readers
  // before giving up, since phone photos are large and ZXing's binariser works on fixed-size blocks.
  function decodePhoto(image) {
    var largest = Math.max(image.naturalWidth, image.naturalHeight);
    var scales = [1, 1600 / largest, 800 / largest, 2].filter(function (s) { return s > 0 && largest * s <= 4000; });
    var readers = [reader, fallback];
    for (var i = 0; i < scales.length; i++) {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(image.naturalWidth * scales[i]);
      canvas.height = Math.round(image.naturalHeight * scales[i]);
      var context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      for (var j = 0; j < readers.length; j++) {
        try {
          return readers[j].decodeFromCanvas(canvas).getText();
        } catch (notFound) {
          // next size or reader
        }
      }
    }
    return null;
  }

  // The server decodes with ZXing.Net at several sizes and binarisers: it reads some photos the browser misses.
  function readOnServer(file) {
    if (!serverForm || !serverInput || !window.DataTransfer) {
      status.textContent = panel.dataset.notFound;
      return;
    }
    var transfer = new DataTransfer();
    transfer.items.add(file);
    serverInput.files = transfer.files;
    status.textContent = panel.dataset.serverReading;
    serverForm.requestSubmit ? serverForm.requestSubmit() : serverForm.submit();
  }

  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    if (!file) {
      return;
    }
    var image = new Image();
    var url = URL.createObjectURL(file);
    image.onload = function () {
      URL.revokeObjectURL(url);
      var text = decodePhoto(image);
      if (text === null) {
        readOnServer(file);
      } else {
        use(text);
      }
    };
    image.onerror = function () {
      URL.revokeObjectURL(url);
      readOnServer(file);
    };
    image.src = url;
  });
})();
