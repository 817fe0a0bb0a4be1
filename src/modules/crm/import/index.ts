/**
 * Lead CSV import/export — pure building blocks (no database).
 *
 * Import pipeline (what the job does, bounded memory end to end):
 *
 *   const head = first SNIFF_BYTES of the file
 *   const { encoding, delimiter } = sniffCsv(head)                  // or detectEncoding + detectDelimiter
 *   await pipeline(fileStream, decodingStream(encoding), createCsvParser({ delimiter, onMalformed }),
 *     async (records) => for await (const { line, cells } of records) {
 *       first record → headers → suggestMapping(headers, tenantCustomFields) → user overrides
 *       checkRowShape(cells, headers.length)       // ragged rows: pad short, reject too_many_cells
 *       validateRow(applyMapping(cells, mapping), { defaultCountry, customFieldTypes, selectOptions })
 *       ok → batch upsert by email; rejected → await rejectReport.add(line, cells, errors)
 *     })
 *   // RecordTooLargeError (code RECORD_TOO_LARGE) aborts the whole import: the file is unusable.
 *
 * Export: `pipeline(Readable.from(leadRows), leadsCsvStream({ locale, customFields }), onError)`, sent as the response.
 */
export { detectEncoding, decodingStream, isValidUtf8, SNIFF_BYTES, type CsvEncoding } from './encoding.js';
export { detectDelimiter, type CsvDelimiter } from './delimiter.js';
export {
  suggestMapping,
  applyMapping,
  normaliseHeader,
  STANDARD_LEAD_FIELDS,
  type StandardLeadField,
  type LeadField,
  type ColumnMapping,
  type RawLead,
  type CustomFieldDefinitionRef,
} from './mapping.js';
export {
  validateRow,
  normaliseEmail,
  normalisePhone,
  normaliseLanguage,
  parseConsent,
  parseNumber,
  parseDate,
  splitTags,
  cleanText,
  LIMITS,
  VALIDATION_ERROR_CODES,
  type CountryCode,
  type ConsentStatus,
  type LifecycleStage,
  type CustomFieldType,
  type CustomFieldValue,
  type NormalisedLead,
  type ValidationError,
  type ValidationErrorCode,
  type ValidationResult,
  type ValidateOptions,
} from './validate.js';
export {
  createCsvParser,
  checkRowShape,
  sniffCsv,
  MAX_RECORD_BYTES,
  RecordTooLargeError,
  type CsvRecord,
  type MalformedRecord,
  type CsvParserOptions,
  type RowShape,
} from './parse.js';
export { neutraliseFormula, leadsCsvStream, STANDARD_EXPORT_COLUMNS, type ExportColumn, type LeadsCsvOptions } from './export.js';
export { RejectReport, formatReasons, type RejectReason, type RejectReportOptions } from './reject-report.js';
export { WarningReport, type CellWarning } from './warning-report.js';
export { LeadBatch, mergeLeads } from './in-file-duplicates.js';
