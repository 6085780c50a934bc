// samples/cats: a cat, as the NestJS sample's interface declares it.
export interface Cat {
  readonly name: string;
  readonly age: number;
  readonly breed: string;
}
