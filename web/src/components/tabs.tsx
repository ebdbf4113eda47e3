/** A row of tabs: one is selected, each names itself through `label`. */
interface TabsProps<T extends string> {
  names: readonly T[];
  selected: T;
  onSelect: (name: T) => void;
  label: (name: T) => string;
}

export function Tabs<T extends string>({ names, selected, onSelect, label }: TabsProps<T>) {
  return (
    <div className="tabs" role="tablist">
      {names.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={selected === name}
          className={selected === name ? "active" : ""}
          onClick={() => onSelect(name)}
        >
          {label(name)}
        </button>
      ))}
    </div>
  );
}
