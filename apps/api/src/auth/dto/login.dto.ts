import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ type: String, format: 'email', maxLength: 254, example: 'alice@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 1024, example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
