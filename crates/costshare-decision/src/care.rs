//! Kinds of care a person can expect, and how each one is billed under a plan.

/// Which kind of plan pays for a kind of care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Coverage {
    /// Medical plan (services).
    Medical,
    /// Medical plan's drug benefit.
    Drug,
    /// Dental plan.
    Dental,
    /// Vision plan (or the medical plan's vision exam when no vision plan is chosen).
    Vision,
}

/// How a kind of care is billed: the plan service ids to try in order, or a drug tier and supply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Billing {
    /// The first of these service ids that the plan lists.
    Services(&'static [&'static str]),
    /// A drug fill: tier ids to try in order, and days of supply.
    Drug(&'static [&'static str], u16),
}

macro_rules! care_kinds {
    ($( $variant:ident = $id:literal, $label:literal, $coverage:ident, $billing:expr; )*) => {
        /// A kind of care, with a stable id used in files and URLs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CareKind { $( #[doc = $label] $variant, )* }

        impl crate::keyed::Key for CareKind {
            const ALL: &'static [CareKind] = CareKind::ALL;
            fn position(self) -> usize {
                self as usize
            }
        }

        impl CareKind {
            /// Every kind of care, in display order.
            pub const ALL: &'static [CareKind] = &[ $( CareKind::$variant, )* ];

            /// Stable id, for example `specialist_visit`.
            pub const fn id(self) -> &'static str { match self { $( CareKind::$variant => $id, )* } }

            /// Plain-language label.
            pub const fn label(self) -> &'static str { match self { $( CareKind::$variant => $label, )* } }

            /// Which plan pays for it.
            pub const fn coverage(self) -> Coverage { match self { $( CareKind::$variant => Coverage::$coverage, )* } }

            /// How it is billed.
            pub const fn billing(self) -> Billing { match self { $( CareKind::$variant => $billing, )* } }

            /// Emergency room care (the facility and its doctors), which the No Surprises Act
            /// protects from out-of-network prices ([`crate::expected::NO_SURPRISES_FROM`]).
            /// Ground ambulances are not covered by it.
            pub const fn is_emergency(self) -> bool {
                matches!(self, CareKind::EmergencyRoomVisit | CareKind::EmergencyRoomDoctor)
            }

            /// Routine check-ups that plans limit by frequency ("two cleanings a year", "an eye
            /// exam every 12 months"): people book them on a schedule, so their count does not
            /// vary and they are spaced to fit the plan's windows.
            pub const fn is_check_up(self) -> bool {
                matches!(
                    self,
                    CareKind::PreventiveVisit
                        | CareKind::DentalExam
                        | CareKind::DentalCleaning
                        | CareKind::DentalXrays
                        | CareKind::EyeExam
                        | CareKind::GlassesLenses
                        | CareKind::GlassesFrames
                        | CareKind::ContactLenses
                )
            }

            /// The kind of care with this id.
            pub fn from_id(id: &str) -> Option<CareKind> {
                CareKind::ALL.iter().copied().find(|k| k.id() == id)
            }
        }
    };
}

use Billing::{Drug, Services};

care_kinds! {
    PreventiveVisit = "preventive_visit", "Preventive check-up", Medical, Services(&["preventive_office_visit"]);
    Vaccines = "vaccines", "Vaccines, age 19 and over (a year's flu shot and others)", Medical, Services(&["adult_immunizations", "preventive_office_visit"]);
    PrimaryCareVisit = "primary_care_visit", "Primary care visit", Medical, Services(&["primary_care_visit"]);
    SpecialistVisit = "specialist_visit", "Specialist visit", Medical, Services(&["specialist_visit"]);
    UrgentCareVisit = "urgent_care_visit", "Urgent care visit", Medical, Services(&["urgent_care_visit"]);
    EmergencyRoomVisit = "er_visit", "Emergency room visit (facility)", Medical, Services(&["er_visit"]);
    EmergencyRoomDoctor = "er_professional", "Emergency room doctor", Medical, Services(&["er_professional", "outpatient_professional"]);
    LabTest = "lab_test", "Lab test", Medical, Services(&["lab_xray_independent"]);
    Xray = "xray", "X-ray", Medical, Services(&["lab_xray_independent"]);
    MriCt = "mri_ct", "MRI or CT scan", Medical, Services(&["advanced_imaging_outpatient"]);
    PhysicalTherapyVisit = "physical_therapy_visit", "Physical therapy visit", Medical, Services(&["physical_therapy"]);
    ChiropracticVisit = "chiropractic_visit", "Chiropractic visit", Medical, Services(&["chiropractic_visit"]);
    MentalHealthVisit = "mental_health_visit", "Mental health therapy visit", Medical, Services(&["mental_health_office_visit"]);
    Ambulance = "ambulance", "Ambulance ride", Medical, Services(&["ambulance"]);
    MedicalEquipment = "medical_equipment", "Medical equipment (crutches, splints, supplies)", Medical, Services(&["dme"]);
    OutpatientSurgeryFacility = "outpatient_surgery_facility", "Outpatient surgery (facility)", Medical, Services(&["outpatient_facility"]);
    OutpatientSurgeryDoctor = "outpatient_surgery_doctor", "Outpatient surgery (surgeon and anesthesia)", Medical, Services(&["outpatient_professional"]);
    HospitalStay = "hospital_stay", "Hospital stay (facility)", Medical, Services(&["inpatient_hospital_facility"]);
    HospitalDoctor = "hospital_doctor", "Hospital doctors and surgeons", Medical, Services(&["inpatient_professional"]);
    PrenatalCare = "prenatal_care", "Prenatal and delivery doctor (global maternity fee)", Medical, Services(&["maternity_global_fee"]);
    DeliveryFacility = "delivery_facility", "Hospital delivery (facility)", Medical, Services(&["maternity_delivery_facility"]);
    NewbornCare = "newborn_care", "Well-newborn care in the hospital", Medical, Services(&["well_newborn_facility"]);
    GenericFill = "generic_fill", "Generic prescription, 30-day fill", Drug, Drug(&["generic"], 30);
    GenericFill90 = "generic_fill_90", "Generic prescription, 90-day fill", Drug, Drug(&["generic"], 90);
    PreferredBrandFill = "preferred_brand_fill", "Preferred brand prescription, 30-day fill", Drug, Drug(&["preferred_brand"], 30);
    PreferredBrandFill90 = "preferred_brand_fill_90", "Preferred brand prescription, 90-day fill", Drug, Drug(&["preferred_brand"], 90);
    NonPreferredBrandFill = "non_preferred_brand_fill", "Non-preferred brand prescription, 30-day fill", Drug, Drug(&["non_preferred_brand"], 30);
    NonPreferredBrandFill90 = "non_preferred_brand_fill_90", "Non-preferred brand prescription, 90-day fill", Drug, Drug(&["non_preferred_brand"], 90);
    SpecialtyDrugFill = "specialty_drug_fill", "Specialty drug, 30-day fill", Drug, Drug(&["specialty", "non_preferred_brand"], 30);
    DentalExam = "dental_exam", "Dental exam", Dental, Services(&["dental_exam"]);
    DentalCleaning = "dental_cleaning", "Dental cleaning", Dental, Services(&["dental_cleaning"]);
    DentalXrays = "dental_xrays", "Dental x-rays", Dental, Services(&["dental_xrays_bitewing"]);
    DentalFilling = "dental_filling", "Filling", Dental, Services(&["dental_filling"]);
    DentalCrown = "dental_crown", "Crown", Dental, Services(&["dental_crown"]);
    RootCanal = "root_canal", "Root canal", Dental, Services(&["dental_root_canal"]);
    Orthodontia = "orthodontia", "Orthodontia (braces), one year", Dental, Services(&["orthodontia"]);
    EyeExam = "eye_exam", "Eye exam", Vision, Services(&["vision_exam"]);
    GlassesLenses = "glasses_lenses", "Eyeglass lenses", Vision, Services(&["eyeglass_lenses"]);
    GlassesFrames = "glasses_frames", "Eyeglass frames", Vision, Services(&["eyeglass_frames"]);
    ContactLenses = "contact_lenses", "Contact lenses (a year's supply)", Vision, Services(&["contact_lenses"]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut ids: Vec<&str> = CareKind::ALL.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CareKind::ALL.len());
        for k in CareKind::ALL {
            assert_eq!(CareKind::from_id(k.id()), Some(*k));
        }
    }
}
