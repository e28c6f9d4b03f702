import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** The archivist's receipt when a case's documents are filed (归档). */
export class ArchiveReceiptForm {
  @JSONSchema({ title: '档案编号（回执号）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  receiptNo!: string;
}
