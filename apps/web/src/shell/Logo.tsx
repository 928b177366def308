/** The Scrutiny mark: a magnifier over a check, decorative next to the product name. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--color-brand)" />
      <circle cx="14" cy="14" r="7" fill="none" stroke="#fff" strokeWidth="3" />
      <path d="m19.5 19.5 6 6" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      <path
        d="m11 14 2.2 2.2L17.5 12"
        fill="none"
        stroke="#8fd1a8"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
