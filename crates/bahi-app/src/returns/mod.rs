//! GST returns. For now, the periods a business marks filed: documents reported in a filed
//! return may not be issued, voided or dated into its period.

pub mod periods;
