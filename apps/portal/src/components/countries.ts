import codes from 'i18n-iso-countries/codes.json';

export interface Country {
  code: string;
  name: string;
}

const names = new Intl.DisplayNames(['en'], { type: 'region' });

/** ISO 3166-1 alpha-2, from the same list the API checks against, named in English. */
export const COUNTRIES: Country[] = (codes as string[][])
  .map(([code]) => ({ code, name: names.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));

export function countryName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** Matches on the code (exactly, first) or anywhere in the name, ignoring case and accents. */
export function searchCountries(text: string, limit = 8): Country[] {
  const wanted = fold(text.trim());
  if (!wanted) return [];
  const exact = COUNTRIES.filter((c) => c.code.toLowerCase() === wanted);
  const named = COUNTRIES.filter((c) => fold(c.name).includes(wanted) && !exact.includes(c));
  return [...exact, ...named].slice(0, limit);
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
