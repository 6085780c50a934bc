// DTOs and filters the OpenAPI tests document: one of each constraint the document maps.
import { type ArgumentsHost, Catch, type ExceptionFilter, json, RequestValidationError, Returns } from '@corbel/core';
import { Doc } from '@corbel/openapi';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export enum Color {
  Red = 'red',
  Green = 'green',
}

export enum Level {
  Low,
  High,
}

@Doc({ summary: 'Address', description: 'Where a parcel goes', example: { street: 'Main St', zip: '12345' } })
export class AddressDto {
  @IsString()
  @Doc({ description: 'Street and number' })
  street!: string;

  @Matches(/^\d{5}$/)
  zip!: string;
}

export class ConstraintsDto {
  @IsInt() @Min(1) @Max(10) count!: number;
  @IsString() @Length(2, 8) code!: string;
  @IsString() @MinLength(1) @MaxLength(3) short!: string;
  @Matches(/^[a-z]+$/) slug!: string;
  @IsEmail() email!: string;
  @IsUUID() id!: string;
  @IsUrl() site!: string;
  @IsDateString() when!: string;
  @IsEnum(Color) color!: Color;
  @IsEnum(Level) level!: Level;
  @IsIn(['a', 'b']) letter!: string;
  @IsOptional() @IsString() note?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto) address!: AddressDto;
  @IsArray() @ValidateNested({ each: true }) @Type(() => AddressDto) others!: AddressDto[];
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsString({ each: true }) tags!: string[];
  @IsString({ each: true }) labels!: string | string[];
  @IsInt() quantity = 1;
}

export class SearchQuery {
  @IsInt() @Min(1) page!: number;
  @IsOptional() @IsString() @Doc({ description: 'Free text' }) q?: string;
}

export class LoginForm {
  @IsString() user!: string;
  @IsString() password!: string;
}

export class NotFoundBody {
  @IsString() @Doc({ example: 'no such thing' }) error!: string;
  @IsString() path!: string;
}

export class FirstErrorBody {
  @IsString() error!: string;
  @IsInt() count!: number;
}

/** A method-scoped 404 filter that declares the body it sends. */
@Catch(404)
export class NotFoundFilter implements ExceptionFilter {
  @Returns(NotFoundBody, { status: 404, description: 'Nothing here' })
  catch(_error: unknown, host: ArgumentsHost) {
    return { error: 'no such thing', path: host.type === 'http' ? host.request.path : '' };
  }
}

/** A validation filter that answers 400 with the first failure. */
@Catch(RequestValidationError)
export class FirstErrorFilter implements ExceptionFilter<RequestValidationError> {
  @Returns(FirstErrorBody, { status: 400 })
  catch(error: RequestValidationError) {
    const errors = error.errors();
    return json({ error: errors[0]?.msg ?? '', count: errors.length }, 400);
  }
}

/** A filter that declares nothing: the document can only say who answers. */
@Catch(409)
export class SilentConflictFilter implements ExceptionFilter {
  catch() {
    return { conflict: true };
  }
}
