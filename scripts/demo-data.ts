// The demo study: four centres, a clinician and a research assistant in two of
// them, one coordinator. Every demo account has the same password (README).
import type { Role } from "@/domain/roles";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_CENTRES = [
  { code: "REI", name: "CHU de Reims", city: "Reims" },
  { code: "PAR", name: "AP-HP Paris", city: "Paris" },
  { code: "LYO", name: "Hospices Civils de Lyon", city: "Lyon" },
  { code: "MAR", name: "AP-HM Marseille", city: "Marseille" },
] as const;

export const DEMO_USERS: readonly { email: string; displayName: string; role: Role; centre: string | null }[] = [
  { email: "coordinateur@dm-sam.test", displayName: "Coordination DM-SAM", role: "COORDINATOR", centre: null },
  { email: "clinicien.rei@dm-sam.test", displayName: "Dr Claire Martin", role: "CLINICIAN", centre: "REI" },
  { email: "arc.rei@dm-sam.test", displayName: "Alice Bernard (ARC)", role: "RESEARCH_ASSISTANT", centre: "REI" },
  { email: "clinicien.par@dm-sam.test", displayName: "Dr Paul Durand", role: "CLINICIAN", centre: "PAR" },
  { email: "arc.par@dm-sam.test", displayName: "Pierre Moreau (ARC)", role: "RESEARCH_ASSISTANT", centre: "PAR" },
];
