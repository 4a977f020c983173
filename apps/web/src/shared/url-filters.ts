import { useSearchParams } from 'react-router-dom';

/**
 * A list's filters kept in the URL, so a view can be bookmarked or sent: the parameters, and a change of some
 * of them (an empty or missing value removes its parameter).
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  return [params, update] as const;
}

/** The named parameters the URL sets, as a list's filters (an empty parameter is no filter). */
export function urlFilterValues<Name extends string>(
  params: URLSearchParams,
  names: readonly Name[],
): Partial<Record<Name, string>> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  ) as Partial<Record<Name, string>>;
}
