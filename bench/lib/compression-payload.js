// The compression scenario's answer: about 100 KB of JSON, the same bytes for every target.

const ITEMS = 900;

/** A deterministic catalogue page of about 100 KB once serialised: varied enough not to compress absurdly well. */
function compressionPayload() {
  const items = [];
  for (let index = 0; index < ITEMS; index++) {
    items.push({
      id: index,
      sku: `SKU-${(index * 7919).toString(36).toUpperCase().padStart(6, '0')}`,
      name: `Product ${index} ${['red', 'green', 'blue', 'black'][index % 4]} ${['small', 'large'][index % 2]}`,
      price: Math.round(((index * 37) % 1000) * 100 + 99) / 100,
      tags: [`t${index % 13}`, `t${index % 29}`],
      inStock: index % 3 !== 0,
    });
  }
  return { page: 1, total: ITEMS, items };
}

module.exports = { compressionPayload, COMPRESSION_PATH: '/catalogue' };
