/**
 * A place a filing names instead of a grid id: a structured address (community, building,
 * unit), a point, or both. The org directory's grids carry the address ranges and areas that
 * map a place to its grid.
 */
export interface Place {
  /** The township or street the filer names, a unit id; narrows the search and takes an unmatched place */
  township?: string;
  community?: string;
  building?: string;
  unit?: string;
  point?: { lng: number; lat: number };
  /** The address as the resident said it, kept for the dispatcher */
  text?: string;
}

/** The grid a place lies in, or the township whose dispatch queue takes a place no grid covers. */
export type PlaceMatch =
  { matchedBy: 'point' | 'address'; gridId: string } | { matchedBy: 'none'; township: string };
