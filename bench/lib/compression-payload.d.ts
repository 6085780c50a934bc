// Types of compression-payload.js for the TypeScript targets.
export declare const COMPRESSION_PATH: string;
export declare function compressionPayload(): {
  page: number;
  total: number;
  items: { id: number; sku: string; name: string; price: number; tags: string[]; inStock: boolean }[];
};
