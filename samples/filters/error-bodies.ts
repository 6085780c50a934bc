// The bodies the sample's filters send, declared with @Returns on their catch so /docs shows each route's errors.
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';

/** What ValueErrorFilter, PermissionErrorFilter and StrictValueErrorFilter send. */
export class ErrorBody {
  @IsString() error!: string;
  @IsOptional() @IsString() hint?: string;
}

/** What the orders controller's NotFoundFilter sends instead of `{ detail }`. */
export class NotFoundBody {
  @IsString() error!: string;
  @IsString() detail!: string;
  @IsOptional() @IsString() path?: string;
}

/** One entry of ValidationFormatFilter's `details`. */
export class ValidationDetail {
  @IsArray() loc!: (string | number)[];
  @IsString() msg!: string;
  @IsString() type!: string;
  @IsString() in!: string;
}

/** What the orders controller's ValidationFormatFilter sends (kui's format). */
export class ValidationFormatBody {
  @IsString() message!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ValidationDetail) details!: ValidationDetail[];
}
