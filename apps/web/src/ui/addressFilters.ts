import { useSearchParams } from "react-router";

/**
 * A list's filters kept in the address (bookmarked, shared, reloaded): the current parameters, the
 * page number, and a change that drops empty values and goes back to the first page unless it
 * names the page itself or one of `keepPageFor` (opening a row is no new filter).
 */
export function useAddressFilters(keepPageFor: readonly string[] = []) {
  const [params, setParams] = useSearchParams();
  const pageNumber = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(pageNumber) && pageNumber > 0 ? pageNumber : 1;
  const update = (changes: Record<string, string | undefined>) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (!("page" in changes) && !keepPageFor.some((key) => key in changes)) next.delete("page");
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === "" || (key === "page" && value === "1")) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  };
  return { params, page, update };
}
