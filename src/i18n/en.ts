import type { MessageKey } from './de';

/**
 * English: the second language. Must have every key German has, with the
 * same arguments (ICU MessageFormat, as de.ts explains).
 */
export const en: Record<MessageKey, string> = {
  'app.title': 'Photo Dose – design your photo book',
  'app.offlineNote': 'Designing works offline and without an account.',
  'app.language': 'Language',
  'app.hostUnreachable':
    'No connection to the app ({reason}). Open the address printed at start, with its key.',
  'product.choose': 'Choose a product',
  'product.book-a4-hardcover': 'Photo book A4 hardcover',
  'product.book-21x21-softcover': 'Photo book 21×21 softcover',
  'product.pages': '{count, plural, one {# page} other {# pages}}',
  'product.price': 'from {price}',
  'product.start': 'Design',
  'product.book-21x21-hardcover': 'Photo book 21×21 hardcover',
  'product.book-30x30-hardcover': 'Photo book 30×30 hardcover',
  'product.book-a4-landscape-hardcover': 'Photo book A4 landscape hardcover',
  'product.prints': 'Photo prints',
  'product.canvas': 'Canvas',
  'price.book': 'Photo book with {pages, plural, one {# page} other {# pages}}',
  'price.cover':
    '{binding, select, hardcover {Hardcover binding} softcover {Softcover binding} other {Binding}}',
  'price.extraPages': '{pages, plural, one {# extra page} other {# extra pages}}',
  'price.prints': '{quantity, plural, one {# print} other {# prints}} {size} cm',
  'price.quantityDiscount': 'Quantity discount {percent}%',
  'price.canvas': 'Canvas {size} cm',
  'designer.addPhotos': 'Add photos',
  'designer.photos': 'Your photos ({count})',
  'designer.noPhotos': 'No photos yet. Add photos or drop them here.',
  // "used 1 time", not "used once": the name must hold the number the badge shows (WCAG 2.5.3).
  'designer.photoInTray':
    '{name}: {count, plural, =0 {not used} one {used # time} other {used # times}}',
  'designer.useBadge': '{count}×',
  'designer.unusedOnly': 'Unused photos only',
  'designer.importing': 'Reading photos: {done} of {total}',
  'designer.importFailed': '{name} could not be read: {reason}',
  'designer.page': 'Page {n}',
  'designer.placeHint': 'Pick a photo, then click a page to place it.',
  'designer.contextMenu': 'Frame',
  'command.edit.undo': 'Undo',
  'command.edit.redo': 'Redo',
  'command.edit.escape': 'Cancel',
  'command.frame.delete': 'Remove photo or frame',
  'command.frame.nudge':
    'Move {direction, select, left {left} right {right} up {up} other {down}} ({mm} mm)',
  'command.selection.nextFrame': 'Select next frame',
  'command.selection.previousFrame': 'Select previous frame',
  'command.view.zoomIn': 'Zoom in',
  'command.view.zoomOut': 'Zoom out',
  'command.view.zoomFit': 'Fit to window',
  'command.withShortcut': '{label} ({shortcut})',
  'key.ctrl': 'Ctrl',
  'key.alt': 'Alt',
  'key.shift': 'Shift',
  'key.delete': 'Del',
  'key.backspace': 'Backspace',
  'key.escape': 'Esc',
  'designer.checkout': 'Checkout',
  'designer.needPhoto': 'Place at least one photo to order.',
  'designer.placed': '{count, plural, one {# photo placed} other {# photos placed}}',
  'import.unreadable': 'file is damaged or not an image',
  'import.unsupported': 'format not supported',
  'import.too-large': 'image is too large',
  'import.missing': 'file not found',
  'checkout.title': 'Checkout',
  'checkout.privacy':
    'Your details stay in memory and travel only encrypted to the lab. Nothing of them is stored on this computer.',
  'checkout.name': 'Name',
  'checkout.street': 'Street and number',
  'checkout.postalCode': 'Postal code',
  'checkout.city': 'City',
  'checkout.country': 'Country',
  'checkout.email': 'Email',
  'checkout.total': 'Total: {price} incl. 19 % VAT, plus shipping',
  'checkout.submit': 'Place order',
  'checkout.back': 'Back to the book',
  'checkout.error.name': 'Please enter your name.',
  'checkout.error.street': 'Please enter street and number.',
  'checkout.error.postalCode': 'Please enter a valid postal code (5 digits in Germany).',
  'checkout.error.city': 'Please enter the city.',
  'checkout.error.email': 'Please enter a valid email address.',
  'checkout.error.invalid': 'Please check this field.',
  'order.preparing': 'Encrypting your order …',
  'order.uploading': 'Upload: {sent} of {total}',
  'order.speed': '{speed}/s',
  'order.speedChart': 'Upload speed over the last seconds',
  'order.committing': 'Completing your order …',
  'order.done': 'Thank you! Your order {orderId} has reached the lab.',
  'order.failed':
    'The order could not be sent. Your book and your details are still here: try again.',
  'order.failedNetwork':
    "The lab's server cannot be reached right now. Your book and your details are still here: check the internet connection and send again.",
  'order.failedPhoto':
    'A photo is no longer available or was changed. Add it again, then send the order.',
  'order.failedDetails': 'Technical details',
  'order.retry': 'Send again',
  'order.newBook': 'New book',
  'error.host': 'Internal error: {reason}',
  'hostError.photo-too-large':
    '{name} is larger than {limitMb} MB and cannot be used. Make the photo smaller or choose another one.',
  'hostError.host-busy':
    'The app is busy with many photos right now. Try again in {retryAfterS, plural, one {# second} other {# seconds}}.',
  'hostError.unauthorized':
    'The app refused the request because its key is missing or wrong. Open the address printed at start-up, with its key.',
  'startup.failed': 'Photo Dose cannot start',
  'startup.labDemonstration':
    "This copy is set up for the demonstration lab and takes no real orders. Please download Photo Dose from your photo lab's website.",
  'startup.labInsecure':
    "The lab's address ({serverUrl}) is not encrypted. To keep your details safe, Photo Dose does not start like this. Please reinstall it from your photo lab's website.",
  'startup.labBroken':
    "The photo lab's settings in this installation are damaged. Please reinstall Photo Dose from your photo lab's website.",
};
