/**
 * Relative dates → timestamps: `resolveDateRange` for any text, and the three steps the SDK runs per tool
 * (find the date fields at any depth, widen their schema for the model, convert the model's arguments).
 */
export {
  type DateField,
  type DateFieldKind,
  type DateFieldRole,
  type DatePathStep,
  type DateRangeForm,
  datePathLabel,
  EACH_ITEM,
  TIME_RANGE_ARGUMENT,
} from './date-field.js';
export { describeDateFieldsForModel } from './describe-date-fields.js';
export { type FindDateFieldsOptions, findDateFields } from './find-date-fields.js';
export { type NormaliseDateArgumentsOptions, normaliseDateArguments } from './normalise-date-arguments.js';
export { DEFAULT_WEEK_STARTS_ON, type ResolveDateRangeOptions, type WeekStartsOn } from './options.js';
export { DATE_EXPRESSION_EXAMPLES, type DateRange, resolveDateRange } from './resolve-date-range.js';
export { DEFAULT_TIME_ZONE, isValidTimeZone } from './zone.js';
