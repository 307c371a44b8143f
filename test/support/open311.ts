/**
 * Where the Open311 tests file: a point and an address in grid g01 of the default org, as an
 * Open311 app sends them, and as `POST /api/v1/requests` takes the same place.
 */
export function open311Place() {
  return {
    lat: 35.602,
    long: 111.702,
    address_string: '城关街道幸福小区3号楼',
    filing: { gridId: 'g01' },
  };
}
