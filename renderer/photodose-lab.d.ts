/**
 * The lab this renderer is built for, from assets/labs/<lab>/ (scripts/lab-build.ts resolves
 * this module at build time; PHOTODOSE_LAB names the lab, Photo Dose by default). The shapes are
 * src/lab/lab-brand.ts's, written out: an ambient module cannot import relative paths.
 */
declare module 'virtual:photodose-lab' {
  export const lab: {
    id: string;
    name: string;
    city: string;
    support: { email: string; phone?: string; url?: string };
    colours: {
      accent: string;
      accentText: string;
      background: string;
      text: string;
      header: string;
    };
  };
  /** The lab's logo (SVG), as the bundle serves it. */
  export const logoUrl: string;
}
