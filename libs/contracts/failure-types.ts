/**
 * The types of the permanent failures (ApplicationFailure, non-retryable) that end a case:
 * raised by workflows through `CaseRun.fail()` and by activities. The strings are what Temporal
 * records as the failure's type, so existing histories keep them: never rename a value.
 * Pure code: workflows import it.
 */
export enum WorkflowFailureType {
  /** P8/P9: an order's investigation tasks or projects did not all pass. */
  TasksNotPassed = 'TasksNotPassed',
  /** P4c: development and production indicators differ after maintenance. */
  EnvironmentsDiverged = 'EnvironmentsDiverged',
  /** A setting the activity needs is invalid. */
  BadConfiguration = 'BadConfiguration',
  CreditItemNotFound = 'CreditItemNotFound',
  DataBatchNotFound = 'DataBatchNotFound',
  ReportVersionNotFound = 'ReportVersionNotFound',
  ProductNotSetUp = 'ProductNotSetUp',
  ProductExists = 'ProductExists',
  ProductNotFound = 'ProductNotFound',
  ProductStatusChanged = 'ProductStatusChanged',
  IndicatorStillUsed = 'IndicatorStillUsed',
  IndicatorNotFound = 'IndicatorNotFound',
  /** P8/P9: a review level the policy does not define. */
  NoSuchReviewLevel = 'NoSuchReviewLevel',
}
