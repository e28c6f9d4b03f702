/**
 * The one list of procedure modules. Adding a procedure = its own files and one line here;
 * every registry (libs/procedures/registry.ts) is derived from this list.
 */
import { dataProcedure } from './data.procedure';
import { objectionProcedure } from './objection.procedure';
import { productProcedure } from './product.procedure';
import { reportProcedure } from './report.procedure';

export const PROCEDURES = [
  objectionProcedure, // P1
  productProcedure, // P4, P4b, P4c
  dataProcedure, // P5, P6
  reportProcedure, // P8, P9
] as const;
