//! GST returns: GSTR-1, GSTR-3B and the HSN summary of a period, built by the engine from the
//! period's documents, and the periods a business marks filed (documents reported in a filed
//! return may not be issued, voided or dated into its period).

pub mod filing;
pub mod periods;
pub mod review;
pub mod summary;
