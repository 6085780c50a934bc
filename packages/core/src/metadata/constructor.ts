// The class types the framework passes around, without `Function` or `any`.

/** A class that can be instantiated with no arguments (controllers, filters, gateways). */
export type Constructor<T = object> = new (...args: never[]) => T;

/** Any class, abstract ones included: used as a key (an error class, a DTO type). */
export type AnyClass<T = object> = abstract new (...args: never[]) => T;
