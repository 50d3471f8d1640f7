import { IntlMessageFormat } from 'intl-messageformat';
import {
  createLiteralElement,
  isLiteralElement,
  isPluralElement,
  isPoundElement,
  isSelectElement,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

/** Our messages are plain text: `<` is a character, not the start of a rich-text tag. */
const richTextOff = { ignoreTag: true };

/** The values a message may be filled with. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * One ICU message, parsed once: plural rules and `#` follow the locale's
 * Intl data. Throws a SyntaxError naming the problem when the text is not
 * valid ICU, so a broken message fails its test instead of a customer's screen.
 */
export class IcuMessage {
  private readonly format: IntlMessageFormat;
  /** Every argument the message reads, nested ones (inside plural options) too. */
  readonly argumentNames: ReadonlySet<string>;

  constructor(
    readonly source: string,
    private readonly intlTag: string,
  ) {
    try {
      this.format = new IntlMessageFormat(source, intlTag, undefined, richTextOff);
    } catch (error) {
      // The parser names only the problem ("EXPECT_ARGUMENT_CLOSING_BRACE"); add the message.
      throw new SyntaxError(`${(error as Error).message} in "${source}"`, { cause: error });
    }
    const elements = this.format.getAst();
    const [problem] = pluralProblems(elements, intlTag);
    if (problem) throw new SyntaxError(`${problem} in "${source}"`);
    this.argumentNames = new Set(argumentNames(elements));
  }

  /**
   * The message with its arguments filled. An argument without a value
   * shows as its own `{name}` (a plural or select with it too), so a
   * forgotten parameter is visible on screen rather than "undefined" or a
   * crashed view.
   */
  fill(params: MessageParams = {}): string {
    // `undefined` counts as missing: a value lost on its way is as wrong as one never given.
    const missing = [...this.argumentNames].filter((name) => params[name] === undefined);
    const format =
      missing.length === 0
        ? this.format
        : new IntlMessageFormat(
            markMissing(this.format.getAst(), new Set(missing)),
            this.intlTag,
            undefined,
            richTextOff,
          );
    const text = format.format<string>(params);
    return Array.isArray(text) ? text.join('') : String(text);
  }
}

function* argumentNames(elements: readonly MessageFormatElement[]): Generator<string> {
  for (const element of elements) {
    if (isLiteralElement(element) || isPoundElement(element)) continue;
    yield element.value;
    if (isPluralElement(element) || isSelectElement(element)) {
      for (const option of Object.values(element.options)) yield* argumentNames(option.value);
    }
  }
}

/**
 * Plural choices the language never makes: the ICU parser accepts any word
 * ("eins", or "zero" in German), but Intl only ever picks the language's own
 * categories, so such a branch would silently never show.
 */
function* pluralProblems(
  elements: readonly MessageFormatElement[],
  intlTag: string,
): Generator<string> {
  for (const element of elements) {
    if (!isPluralElement(element) && !isSelectElement(element)) continue;
    const choices = Object.keys(element.options);
    if (isPluralElement(element)) {
      const rules = new Intl.PluralRules(intlTag, { type: element.pluralType });
      const categories: readonly string[] = rules.resolvedOptions().pluralCategories;
      for (const choice of choices) {
        if (!choice.startsWith('=') && !categories.includes(choice)) {
          yield `UNKNOWN_PLURAL_CATEGORY "${choice}" for ${intlTag} (it has ${categories.join(', ')})`;
        }
      }
    }
    for (const choice of choices)
      yield* pluralProblems(element.options[choice]?.value ?? [], intlTag);
  }
}

/** A copy of the message where each argument in `missing` is the literal text `{name}`. */
function markMissing(
  elements: readonly MessageFormatElement[],
  missing: ReadonlySet<string>,
): MessageFormatElement[] {
  return elements.map((element) => {
    if (isLiteralElement(element) || isPoundElement(element)) return element;
    if (missing.has(element.value)) return createLiteralElement(`{${element.value}}`);
    if (isPluralElement(element) || isSelectElement(element)) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([choice, option]) => [
          choice,
          { ...option, value: markMissing(option.value, missing) },
        ]),
      );
      return { ...element, options };
    }
    return element;
  });
}
