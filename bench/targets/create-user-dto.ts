// The scenario D body as a class-validator DTO, shared by the Corbel and NestJS targets so both validate the same rules.
import { IsEmail, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

/** `{"name":"Ada","email":"ada@example.com","age":36}` and the rules it must pass. */
export class CreateUserDto {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsEmail()
  email!: string;

  @IsInt()
  @Min(0)
  @Max(150)
  age!: number;
}
