import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsTimeZone } from 'class-validator';
import { type OrganisationSettingsInput, type Weekday, WEEKDAYS } from '@sendas/contracts';

export class UpdateOrganisationDto implements OrganisationSettingsInput {
  @ApiProperty({ example: 'Asia/Bangkok', description: 'IANA time zone new users start in' })
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Bangkok' })
  timeZone: string;

  @ApiProperty({ example: [1, 2, 3, 4, 5], description: 'ISO weekdays the team works (Monday 1 … Sunday 7)', type: [Number] })
  @IsArray()
  @ArrayMinSize(1, { message: 'workingDays needs at least one day' })
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'workingDays names a day twice' })
  @IsIn(WEEKDAYS, { each: true, message: 'workingDays are ISO weekdays, 1 (Monday) to 7 (Sunday)' })
  workingDays: Weekday[];
}
