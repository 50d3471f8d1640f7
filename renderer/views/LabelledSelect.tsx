interface Props<V extends string> {
  label: string;
  value: V;
  options: readonly V[];
  /** The option's words in the customer's language. */
  optionLabel(option: V): string;
  onChange(option: V): void;
}

/**
 * A choice among a product's fixed options (size, finish, fit, orientation), labelled so the
 * label names the select for screen readers. The options come from the catalog, so the value
 * read back is always one of them.
 */
export function LabelledSelect<V extends string>(props: Props<V>) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
