/**
 * Where the Open311 tests file: a point and an address in grid g01 of the default org, as an
 * Open311 app sends them, and as `POST /api/v1/requests` takes the same place.
 */
export function open311Place() {
  return {
    lat: 34.2658,
    long: 108.9541,
    address_string: '东关街道幸福社区3号楼',
    filing: { gridId: 'g01' },
  };
}
