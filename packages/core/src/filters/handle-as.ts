// A default filter's answer "treat this as that other error", looked up again through the route's table.

/** Used by the default validation filter: a path failure is answered as an `HTTPNotFound`. */
export class HandleAs {
  constructor(readonly error: unknown) {}
}
