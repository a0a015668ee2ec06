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
  var reader = new ZXingBrowser.BrowserQRCodeReader();
  var controls = null;
  panel.hidden = false;

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

  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    if (!file) {
      return;
    }
    var url = URL.createObjectURL(file);
    reader.decodeFromImageUrl(url)
      .then(function (result) { use(result.getText()); })
      .catch(function () { status.textContent = panel.dataset.notFound; })
      .finally(function () { URL.revokeObjectURL(url); });
  });
})();
