import type { PDFArray } from 'pdf-lib';
import { PDFName, PDFRawStream, type PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';

/**
 * sRGB as an ICC profile, tagged onto every image and page of the print files: photo labs take
 * RGB and convert it to their press late (PRINT.md), and a RIP can only do that right when it
 * knows what the RGB numbers mean. Untagged DeviceRGB is a guess. The profile is the one sharp
 * (libvips) converts every cut to, so the tag says what the pixels are.
 */
let profile: Promise<Buffer> | undefined;

export function srgbProfile(): Promise<Buffer> {
  profile ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
    .withIccProfile('srgb')
    .jpeg()
    .toBuffer()
    .then((jpeg) => sharp(jpeg).metadata())
    .then((meta) => {
      if (!meta.icc) throw new Error('sharp gave no sRGB profile');
      return meta.icc;
    });
  return profile;
}

/** The document's sRGB colour space, `[/ICCBased <profile stream>]`, made once per document. */
export class SrgbTagger {
  private space: Promise<PDFArray> | undefined;

  constructor(private readonly doc: PDFDocument) {}

  private colourSpace(): Promise<PDFArray> {
    this.space ??= srgbProfile().then((icc) => {
      const { context } = this.doc;
      const stream = context.flateStream(icc, { N: 3, Alternate: 'DeviceRGB' });
      return context.obj([PDFName.of('ICCBased'), context.register(stream)]);
    });
    return this.space;
  }

  /** The image's pixels declared sRGB instead of bare DeviceRGB. */
  async tagImage(image: PDFImage): Promise<void> {
    await image.embed();
    const stream = this.doc.context.lookup(image.ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('an embedded JPEG is not a stream');
    stream.dict.set(PDFName.of('ColorSpace'), await this.colourSpace());
  }

  /** Colours the page paints (backgrounds, type) read as sRGB: DefaultRGB in its resources. */
  async tagPage(page: PDFPage): Promise<void> {
    const { Resources } = page.node.normalizedEntries();
    const spaces = this.doc.context.obj({ DefaultRGB: await this.colourSpace() });
    Resources.set(PDFName.of('ColorSpace'), spaces);
  }
}
