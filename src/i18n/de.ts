/**
 * German: the default language. Every user-facing string has a key here.
 * Messages are ICU MessageFormat: `{name}` fills in a value, and a count
 * chooses its words by plural rule: `{count, plural, one {# Foto} other {# Fotos}}`.
 */
export const de = {
  'app.title': 'Photo Dose – Fotobuch gestalten',
  'app.offlineNote': 'Gestalten geht offline und ohne Anmeldung.',
  'app.language': 'Sprache',
  'app.hostUnreachable':
    'Keine Verbindung zum Programm ({reason}). Öffne die Adresse, die beim Start ausgegeben wurde, mit ihrem Schlüssel.',
  'product.choose': 'Produkt wählen',
  'product.book-a4-hardcover': 'Fotobuch A4 Hardcover',
  'product.book-21x21-softcover': 'Fotobuch 21×21 Softcover',
  'product.pages': '{count, plural, one {# Seite} other {# Seiten}}',
  'product.price': 'ab {price}',
  'product.start': 'Gestalten',
  'product.book-21x21-hardcover': 'Fotobuch 21×21 Hardcover',
  'product.book-30x30-hardcover': 'Fotobuch 30×30 Hardcover',
  'product.book-a4-landscape-hardcover': 'Fotobuch A4 quer Hardcover',
  'product.prints': 'Fotoabzüge',
  'product.canvas': 'Leinwand',
  'price.book': 'Fotobuch mit {pages, plural, one {# Seite} other {# Seiten}}',
  'price.cover':
    '{binding, select, hardcover {Hardcover-Einband} softcover {Softcover-Einband} other {Einband}}',
  'price.extraPages': '{pages, plural, one {# weitere Seite} other {# weitere Seiten}}',
  'price.prints': '{quantity, plural, one {# Abzug} other {# Abzüge}} {size} cm',
  'price.quantityDiscount': 'Mengenrabatt {percent} %',
  'price.canvas': 'Leinwand {size} cm',
  'designer.addPhotos': 'Fotos hinzufügen',
  'designer.photos': 'Deine Fotos ({count})',
  'designer.noPhotos': 'Noch keine Fotos. Füge Fotos hinzu oder ziehe sie hierher.',
  'designer.photoInTray':
    '{name}: {count, plural, =0 {nicht verwendet} one {#-mal verwendet} other {#-mal verwendet}}',
  'designer.useBadge': '{count}×',
  'designer.unusedOnly': 'Nur unbenutzte Fotos',
  'designer.importing': 'Fotos werden gelesen: {done} von {total}',
  'designer.importFailed': '{name} konnte nicht gelesen werden: {reason}',
  'designer.page': 'Seite {n}',
  'designer.placeHint': 'Wähle ein Foto und klicke auf eine Seite, um es zu platzieren.',
  'designer.contextMenu': 'Rahmen',
  'command.edit.undo': 'Rückgängig',
  'command.edit.redo': 'Wiederholen',
  'command.edit.escape': 'Abbrechen',
  'command.frame.delete': 'Foto oder Rahmen entfernen',
  'command.frame.nudge':
    '{direction, select, left {Nach links} right {Nach rechts} up {Nach oben} other {Nach unten}} verschieben ({mm} mm)',
  'command.selection.nextFrame': 'Nächsten Rahmen wählen',
  'command.selection.previousFrame': 'Vorherigen Rahmen wählen',
  'command.view.zoomIn': 'Vergrößern',
  'command.view.zoomOut': 'Verkleinern',
  'command.view.zoomFit': 'Ganze Seite zeigen',
  'command.withShortcut': '{label} ({shortcut})',
  'key.ctrl': 'Strg',
  'key.alt': 'Alt',
  'key.shift': 'Umschalt',
  'key.delete': 'Entf',
  'key.backspace': 'Rücktaste',
  'key.escape': 'Esc',
  'designer.checkout': 'Zur Kasse',
  'designer.needPhoto': 'Platziere mindestens ein Foto, um zu bestellen.',
  'designer.placed': '{count, plural, one {# Foto platziert} other {# Fotos platziert}}',
  'import.unreadable': 'Datei ist beschädigt oder kein Bild',
  'import.unsupported': 'Format wird nicht unterstützt',
  'import.too-large': 'Bild ist zu groß',
  'import.missing': 'Datei nicht gefunden',
  'checkout.title': 'Kasse',
  'checkout.privacy':
    'Deine Angaben bleiben im Arbeitsspeicher und gehen nur verschlüsselt an das Labor. Auf diesem Rechner wird nichts davon gespeichert.',
  'checkout.name': 'Name',
  'checkout.street': 'Straße und Hausnummer',
  'checkout.postalCode': 'PLZ',
  'checkout.city': 'Ort',
  'checkout.country': 'Land',
  'checkout.email': 'E-Mail',
  'checkout.total': 'Gesamt: {price} inkl. 19 % MwSt., zzgl. Versand',
  'checkout.submit': 'Zahlungspflichtig bestellen',
  'checkout.back': 'Zurück zum Buch',
  'checkout.error.name': 'Bitte gib deinen Namen an.',
  'checkout.error.street': 'Bitte gib Straße und Hausnummer an.',
  'checkout.error.postalCode': 'Bitte gib eine gültige Postleitzahl an (in Deutschland 5 Ziffern).',
  'checkout.error.city': 'Bitte gib den Ort an.',
  'checkout.error.email': 'Bitte gib eine gültige E-Mail-Adresse an.',
  'checkout.error.invalid': 'Bitte prüfe diese Angabe.',
  'order.preparing': 'Bestellung wird verschlüsselt …',
  'order.uploading': 'Upload: {sent} von {total}',
  'order.speed': '{speed}/s',
  'order.speedChart': 'Upload-Geschwindigkeit der letzten Sekunden',
  'order.committing': 'Bestellung wird abgeschlossen …',
  'order.done': 'Danke! Deine Bestellung {orderId} ist beim Labor angekommen.',
  'order.failed':
    'Die Bestellung konnte nicht gesendet werden. Dein Buch und deine Angaben sind noch da: versuche es erneut.',
  'order.failedNetwork':
    'Der Server des Labors ist gerade nicht erreichbar. Dein Buch und deine Angaben sind noch da: prüfe die Internetverbindung und sende erneut.',
  'order.failedPhoto':
    'Ein Foto ist nicht mehr verfügbar oder wurde verändert. Füge es erneut hinzu und sende dann die Bestellung.',
  'order.failedDetails': 'Technische Details',
  'order.retry': 'Erneut senden',
  'order.newBook': 'Neues Buch',
  'error.host': 'Interner Fehler: {reason}',
  'hostError.photo-too-large':
    '{name} ist größer als {limitMb} MB und kann nicht verwendet werden. Verkleinere das Foto oder wähle ein anderes.',
  'hostError.host-busy':
    'Das Programm ist gerade mit vielen Fotos beschäftigt. Versuche es in {retryAfterS, plural, one {# Sekunde} other {# Sekunden}} erneut.',
  'hostError.unauthorized':
    'Das Programm hat die Anfrage abgelehnt, weil der Schlüssel fehlt oder falsch ist. Öffne die Adresse, die beim Start ausgegeben wurde, mit ihrem Schlüssel.',
  'startup.failed': 'Photo Dose kann nicht starten',
  'startup.labDemonstration':
    'Diese Ausgabe ist für das Demonstrationslabor eingerichtet und nimmt keine echten Bestellungen an. Bitte lade Photo Dose von der Website deines Fotolabors herunter.',
  'startup.labInsecure':
    'Die Adresse des Labors ({serverUrl}) ist nicht verschlüsselt. Damit deine Angaben sicher ankommen, startet Photo Dose so nicht. Bitte installiere das Programm von der Website deines Fotolabors neu.',
  'startup.labBroken':
    'Die Einstellungen des Fotolabors in dieser Installation sind fehlerhaft. Bitte installiere Photo Dose von der Website deines Fotolabors neu.',
} as const;

export type MessageKey = keyof typeof de;
