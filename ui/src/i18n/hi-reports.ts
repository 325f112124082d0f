// Hindi strings for the reports screens. Same keys as en-reports.ts.

import type { reportsEn } from "./en-reports";

export const reportsHi: Record<keyof typeof reportsEn, string> = {
  "nav.reports": "रिपोर्ट",

  "reports.title": "रिपोर्ट",
  "reports.lead": "किसका बकाया है, किसकी किस्त छूटी, क्या जमा हुआ, और साल का हिसाब। रिपोर्ट चुनें, फ़िल्टर लगाएँ और निर्यात करें।",
  "reports.list": "रिपोर्ट",
  "reports.pick": "बाईं ओर से कोई रिपोर्ट चुनें।",
  "reports.show": "रिपोर्ट दिखाएँ",
  "reports.loading": "रिपोर्ट तैयार हो रही है…",
  "reports.empty": "इन फ़िल्टरों से कुछ नहीं मिला।",
  "reports.generated": "बनाई गई {at}",
  "reports.totals": "कुल",
  "reports.flagged": "ध्यान दें",
  "reports.export": "निर्यात",
  "reports.exportAs": "{format} में निर्यात करें",
  "reports.exported": "{rows} पंक्तियाँ {path} में सहेजी गईं",
  "reports.sendReminder": "याद दिलाएँ",
  "reports.sendReminderFor": "{enrollment} को याद दिलाएँ",
  "reports.reminderQueued": "{enrollment} के लिए अनुस्मारक कतार में",

  "report.payments": "भुगतान",
  "report.missed": "छूटे भुगतान",
  "report.outstanding": "बकाया राशि",
  "report.maturity": "परिपक्वता देय",
  "report.plan-collection": "योजना-वार संग्रह",
  "report.staff-collection": "कर्मचारी-वार संग्रह",
  "report.closures": "बंद और वापसी",
  "report.year-end": "वर्षांत सारांश",
  "report.tally": "टैली निर्यात",

  "reportFilter.from": "आरंभ तिथि",
  "reportFilter.to": "अंतिम तिथि",
  "reportFilter.month": "महीना",
  "reportFilter.as_of": "इस तिथि तक",
  "reportFilter.financial_year": "वित्त वर्ष",
  "reportFilter.mode": "भुगतान का तरीका",
  "reportFilter.status": "भुगतान की स्थिति",
  "reportFilter.staff": "कर्मचारी लॉगिन",
  "reportFilter.plan_code": "योजना कोड",
  "reportFilter.branch": "शाखा",
  "reportFilter.any": "कोई भी",
  "reportFilter.financialYearHint": "जैसे 2026-27 (अप्रैल से मार्च)",

  "reportFormat.csv": "CSV",
  "reportFormat.xlsx": "एक्सेल",
  "reportFormat.pdf": "PDF",
  "reportFormat.json": "JSON",
  "reportFormat.xml": "टैली XML",
};
