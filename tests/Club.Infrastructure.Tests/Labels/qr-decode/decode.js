// Usage: node decode.js page.pgm '[[x, y, width, height], ...]'
// Prints, for each rectangle of the greyscale page, the text of the QR code found there, or "ERROR ...".
'use strict';
const fs = require('fs');
const { RGBLuminanceSource, BinaryBitmap, HybridBinarizer, GlobalHistogramBinarizer, QRCodeReader, DecodeHintType } = require('@zxing/library');

function readPgm(file) {
  const data = fs.readFileSync(file);
  // Binary PGM: "P5", width, height, maxval, separated by whitespace, then one byte per pixel.
  const fields = [];
  let offset = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]))) offset++;
    let start = offset;
    while (!/\s/.test(String.fromCharCode(data[offset]))) offset++;
    fields.push(data.toString('ascii', start, offset));
  }
  if (fields[0] !== 'P5') throw new Error('not a binary PGM');
  return { width: +fields[1], height: +fields[2], pixels: data.subarray(offset + 1) };
}

const page = readPgm(process.argv[2]);
const rectangles = JSON.parse(process.argv[3]);
// Like a phone scanner, try more than one way: ZXing's finder-pattern search misses a few valid codes
// (zbar reads them) whose data happens to look like a finder pattern; the pure-barcode mode, which
// reads a cleanly cropped code with its quiet zone, does not depend on that search.
const attempts = [
  [HybridBinarizer, new Map([[DecodeHintType.TRY_HARDER, true]])],
  [GlobalHistogramBinarizer, new Map([[DecodeHintType.TRY_HARDER, true]])],
  [HybridBinarizer, new Map([[DecodeHintType.PURE_BARCODE, true]])],
];

function decode(crop, width, height) {
  let last;
  for (const [Binarizer, hints] of attempts) {
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new Binarizer(new RGBLuminanceSource(crop, width, height))), hints).getText();
    } catch (error) {
      last = error;
    }
  }
  return 'ERROR ' + (last && last.name);
}

for (const [x, y, width, height] of rectangles) {
  const crop = new Uint8ClampedArray(width * height);
  for (let row = 0; row < height; row++) {
    const from = (y + row) * page.width + x;
    crop.set(page.pixels.subarray(from, from + width), row * width);
  }
  console.log(decode(crop, width, height));
}
