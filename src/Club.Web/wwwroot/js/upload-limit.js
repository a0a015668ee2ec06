// Refuses a file that is too large as soon as it is chosen, before the browser sends megabytes the
// server will refuse anyway (past the server's request limit it can only say the form was not sent). The
// limits come from the input: data-max-bytes, and data-max-picture-bytes for pictures. Only a hint:
// the server checks the file's real type and size again. Without scripts the form works as before.
(function () {
  'use strict';
  document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var picture = file && /^image\//.test(file.type) && input.dataset.maxPictureBytes;
      var limit = Number(picture ? input.dataset.maxPictureBytes : input.dataset.maxBytes);
      var message = picture ? input.dataset.tooLargePicture : input.dataset.tooLarge;
      input.setCustomValidity(file && file.size > limit ? message : '');
      input.reportValidity();
    });
  });
})();
