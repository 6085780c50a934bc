// The text fields that come with an uploaded document: validated like any form, strings converted.
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class DocumentDto {
  @IsString()
  @Length(1, 80)
  title!: string;

  /** Sent as the string '3' in the form; the DTO receives the number 3. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
}
