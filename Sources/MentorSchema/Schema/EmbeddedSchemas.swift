// Generated from Resources/schemas/*.json: do not edit by hand.
// Regenerate: MENTORBASE_REGENERATE_SCHEMAS=1 swift test --disable-xctest --filter EmbeddedSchemaTests
// (embedded so the binary needs no resource bundle beside it).
enum EmbeddedSchemas {
    static let documents: [(kind: String, json: String)] = [
        ("consents", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "consents",
  "title": "Согласия на обработку и размещение персональных данных",
  "description": "Реестр согласий (152-ФЗ, ст. 9 и 10.1): одна строка может нести оба согласия одного человека; дата отзыва отзывает то, что дала строка.",
  "fields": [
    {
      "name": "fullName",
      "title": "ФИО",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "Ф.И.О.",
          "Фамилия, имя, отчество",
          "ФИО участника",
          "ФИО обучающегося",
          "ФИО ребенка",
          "ФИО субъекта персональных данных",
          "ФИО субъекта"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "birthDate",
      "title": "Дата рождения",
      "description": "ДД.ММ.ГГГГ, например 05.09.2010",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "minimum": "1930-01-01"
      },
      "x-mentorbase": {
        "titleEn": "Birth date",
        "aliases": [
          "Дата рождения",
          "Дата рожд.",
          "Д.р."
        ],
        "normalizer": "date",
        "sensitivity": "personal",
        "note": {
          "ru": "ДД.ММ.ГГГГ, например 05.09.2010",
          "en": "DD.MM.YYYY"
        },
        "example": "05.09.2010",
        "notAfterToday": true
      }
    },
    {
      "name": "className",
      "title": "Класс",
      "description": "Номер и буква класса, например 7Б",
      "type": "string",
      "constraints": {
        "pattern": "^(?:[1-9]|1[01])[А-Я]?$"
      },
      "x-mentorbase": {
        "titleEn": "Class",
        "aliases": [
          "Класс",
          "Класс обучения",
          "Класс (группа)"
        ],
        "normalizer": "className",
        "sensitivity": "personal",
        "note": {
          "ru": "Номер и буква класса, например 7Б",
          "en": "Grade and letter, e.g. 7Б"
        },
        "example": "7Б"
      }
    },
    {
      "name": "signerName",
      "title": "ФИО законного представителя",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Signer",
        "aliases": [
          "ФИО родителя",
          "ФИО родителя (законного представителя)",
          "Кто подписал",
          "Подписант",
          "ФИО подписавшего"
        ],
        "normalizer": "personName",
        "sensitivity": "personal",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия родителя"
          ],
          "firstName": [
            "Имя родителя"
          ],
          "patronymic": [
            "Отчество родителя"
          ]
        }
      }
    },
    {
      "name": "signerRole",
      "title": "Кем приходится",
      "description": "Из списка: сам, родитель, опекун, законный представитель",
      "type": "string",
      "categories": [
        {
          "value": "self",
          "label": "сам"
        },
        {
          "value": "parent",
          "label": "родитель"
        },
        {
          "value": "guardian",
          "label": "опекун"
        },
        {
          "value": "other_representative",
          "label": "законный представитель"
        }
      ],
      "constraints": {
        "enum": [
          "self",
          "parent",
          "guardian",
          "other_representative"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Signer's role",
        "aliases": [
          "Кем приходится ребенку",
          "Степень родства",
          "Роль подписавшего",
          "Кто подписал согласие"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "self",
            "label": "сам",
            "labelEn": "self",
            "synonyms": [
              "сама",
              "лично",
              "сам(а)",
              "субъект персональных данных",
              "сам субъект"
            ]
          },
          {
            "value": "parent",
            "label": "родитель",
            "labelEn": "parent",
            "synonyms": [
              "мать",
              "отец",
              "мама",
              "папа",
              "родитель (законный представитель)"
            ]
          },
          {
            "value": "guardian",
            "label": "опекун",
            "labelEn": "guardian",
            "synonyms": [
              "попечитель",
              "опекун (попечитель)"
            ]
          },
          {
            "value": "other_representative",
            "label": "законный представитель",
            "labelEn": "other legal representative",
            "synonyms": [
              "представитель",
              "иной законный представитель"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: сам, родитель, опекун, законный представитель",
          "en": "From the list"
        }
      }
    },
    {
      "name": "signedOn",
      "title": "Дата согласия",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Signed on",
        "aliases": [
          "Дата подписания",
          "Дата",
          "Дата подписания согласия"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "processing",
      "title": "Согласие на обработку ПДн",
      "description": "да или нет",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Consent to processing",
        "aliases": [
          "Согласие на обработку персональных данных",
          "Обработка ПДн",
          "Согласие на обработку"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да или нет",
          "en": "yes or no"
        }
      }
    },
    {
      "name": "publication",
      "title": "Согласие на размещение на сайте",
      "description": "да или нет",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Consent to publication",
        "aliases": [
          "Согласие на публикацию",
          "Согласие на размещение",
          "Размещение на сайте",
          "Согласие на размещение ПДн на сайте",
          "Согласие на распространение"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да или нет",
          "en": "yes or no"
        }
      }
    },
    {
      "name": "publicationFields",
      "title": "Разрешено публиковать",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Allowed to publish",
        "aliases": [
          "Что можно публиковать",
          "Разрешенные для публикации данные",
          "Данные для публикации"
        ],
        "normalizer": "codeList",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "fio",
            "label": "ФИО",
            "labelEn": "full name",
            "synonyms": [
              "фамилия, имя, отчество",
              "фамилия имя отчество"
            ]
          },
          {
            "value": "photo",
            "label": "фото",
            "labelEn": "photo",
            "synonyms": [
              "фотография",
              "фотографии"
            ]
          },
          {
            "value": "position",
            "label": "должность",
            "labelEn": "position"
          },
          {
            "value": "workplace",
            "label": "место работы/учебы",
            "labelEn": "workplace",
            "synonyms": [
              "место работы",
              "место учебы"
            ]
          },
          {
            "value": "competencies",
            "label": "компетенции",
            "labelEn": "competencies",
            "synonyms": [
              "основные компетенции"
            ]
          },
          {
            "value": "achievements",
            "label": "достижения",
            "labelEn": "achievements"
          },
          {
            "value": "case",
            "label": "кейс",
            "labelEn": "case",
            "synonyms": [
              "кейс/отзыв",
              "отзыв",
              "кейсы"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "site",
      "title": "Сайт",
      "description": "Ссылка, начинается с https://",
      "type": "string",
      "format": "uri",
      "x-mentorbase": {
        "titleEn": "Site",
        "aliases": [
          "Адрес сайта",
          "Сайт организации"
        ],
        "normalizer": "url",
        "sensitivity": "public",
        "note": {
          "ru": "Ссылка, начинается с https://",
          "en": "A link starting with https://"
        },
        "example": "https://school4.ru/nastavnichestvo/keis-1"
      }
    },
    {
      "name": "validUntil",
      "title": "Действует до",
      "description": "ДД.ММ.ГГГГ; пусто — до отзыва",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "Valid until",
        "aliases": [
          "Срок действия",
          "Срок действия согласия"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ; пусто — до отзыва",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "revokedOn",
      "title": "Дата отзыва",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "Revoked on",
        "aliases": [
          "Отозвано",
          "Дата отзыва согласия"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "minorSigned",
      "title": "Подпись несовершеннолетнего (с 14 лет)",
      "description": "да или нет",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Minor's co-signature",
        "aliases": [
          "Подпись несовершеннолетнего",
          "Подпись обучающегося",
          "Согласие несовершеннолетнего"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да или нет",
          "en": "yes or no"
        }
      }
    },
    {
      "name": "embeddedInForm",
      "title": "Согласие в составе анкеты",
      "description": "да — если согласие было галочкой в анкете, а не отдельным документом",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Embedded in a form",
        "aliases": [
          "Отметка в анкете",
          "В составе анкеты"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да — если согласие было галочкой в анкете, а не отдельным документом",
          "en": "yes or no"
        }
      }
    },
    {
      "name": "purposes",
      "title": "Цели обработки",
      "description": "Цели обработки",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Purposes",
        "aliases": [
          "Цель обработки"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Цели обработки",
          "en": "Purposes"
        }
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "x-mentorbase": {
    "kind": "consents",
    "version": 1,
    "title": {
      "ru": "Согласия на обработку и размещение персональных данных",
      "en": "Consents"
    },
    "rules": [
      {
        "id": "minor-signer",
        "code": "guardian-consent-missing",
        "severity": "error",
        "description": {
          "ru": "Согласие за несовершеннолетнего (младше 18 на дату подписания) подписывает родитель, опекун или иной законный представитель",
          "en": "A minor's consent is signed by a parent, guardian or representative"
        }
      },
      {
        "id": "minor-cosignature",
        "code": "minor-cosignature-missing",
        "severity": "warning",
        "description": {
          "ru": "С 14 лет ожидается подпись самого несовершеннолетнего",
          "en": "From 14 the minor's co-signature is expected"
        }
      },
      {
        "id": "adult-signs-self",
        "code": "signer-role",
        "severity": "warning",
        "description": {
          "ru": "Совершеннолетний подписывает согласие сам",
          "en": "An adult signs for self"
        }
      },
      {
        "id": "consent-dates-in-order",
        "code": "date-order",
        "severity": "error",
        "description": {
          "ru": "Дата отзыва и срок действия не раньше даты согласия",
          "en": "Revocation and expiry not before signing"
        }
      },
      {
        "id": "consent-grants-something",
        "code": "consent-empty",
        "severity": "warning",
        "description": {
          "ru": "Строка дает хотя бы одно согласие",
          "en": "A row grants at least one consent"
        }
      },
      {
        "id": "publication-fields-need-publication",
        "code": "publication-fields-without-consent",
        "severity": "warning",
        "description": {
          "ru": "Поля для публикации указаны только при согласии на размещение",
          "en": "Publication fields only with a publication consent"
        }
      },
      {
        "id": "separate-document",
        "code": "consent-embedded",
        "severity": "warning",
        "description": {
          "ru": "С 01.09.2025 согласие — отдельный документ, а не галочка в анкете",
          "en": "Since 01.09.2025 a consent is a separate document"
        }
      }
    ]
  }
}
"""#),
        ("mentee-questionnaire", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "mentee-questionnaire",
  "title": "Анкета наставляемого",
  "description": "Ответы на анкету наставляемого (выгрузка Google Форм или Яндекс Форм).",
  "fields": [
    {
      "name": "responseId",
      "title": "ID ответа",
      "description": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Response ID",
        "aliases": [
          "ID",
          "Номер ответа",
          "№ ответа"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
          "en": "Response ID"
        }
      }
    },
    {
      "name": "submittedAt",
      "title": "Отметка времени",
      "description": "Когда отправлена анкета (ставит Google Формы)",
      "type": "datetime",
      "format": "%d.%m.%Y %H:%M:%S",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Timestamp",
        "aliases": [
          "Timestamp",
          "Время отправки",
          "Дата и время заполнения",
          "Время создания"
        ],
        "normalizer": "dateTime",
        "sensitivity": "internal",
        "note": {
          "ru": "Когда отправлена анкета (ставит Google Формы)",
          "en": "When the form was submitted"
        }
      }
    },
    {
      "name": "emails",
      "title": "Адрес электронной почты",
      "description": "адрес электронной почты; несколько — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "E-mails",
        "aliases": [
          "E-mail",
          "Email",
          "Электронная почта",
          "Адрес электронной почты",
          "Эл. почта",
          "Почта"
        ],
        "normalizer": "emails",
        "sensitivity": "contact",
        "note": {
          "ru": "адрес электронной почты; несколько — через запятую",
          "en": "e-mail address(es)"
        },
        "example": "ivanova@mail.ru"
      }
    },
    {
      "name": "fullName",
      "title": "Фамилия, имя, отчество",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "ФИО",
          "Ф.И.О.",
          "Твои фамилия, имя, отчество",
          "Фамилия и имя",
          "Твое ФИО",
          "Ваше ФИО"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "birthDate",
      "title": "Дата рождения",
      "description": "ДД.ММ.ГГГГ, например 05.09.2010",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "minimum": "1930-01-01"
      },
      "x-mentorbase": {
        "titleEn": "Birth date",
        "aliases": [
          "Дата рождения",
          "Дата рожд.",
          "Д.р."
        ],
        "normalizer": "date",
        "sensitivity": "personal",
        "note": {
          "ru": "ДД.ММ.ГГГГ, например 05.09.2010",
          "en": "DD.MM.YYYY"
        },
        "example": "05.09.2010",
        "notAfterToday": true
      }
    },
    {
      "name": "className",
      "title": "Класс",
      "description": "Номер и буква класса, например 7Б",
      "type": "string",
      "constraints": {
        "pattern": "^(?:[1-9]|1[01])[А-Я]?$"
      },
      "x-mentorbase": {
        "titleEn": "Class",
        "aliases": [
          "Класс",
          "Класс обучения",
          "Класс (группа)"
        ],
        "normalizer": "className",
        "sensitivity": "personal",
        "note": {
          "ru": "Номер и буква класса, например 7Б",
          "en": "Grade and letter, e.g. 7Б"
        },
        "example": "7Б"
      }
    },
    {
      "name": "phones",
      "title": "Телефон для связи",
      "description": "+7XXXXXXXXXX; несколько номеров — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Phones",
        "aliases": [
          "Телефон",
          "Контактный телефон",
          "Контактные данные для связи",
          "Номер телефона",
          "Мобильный телефон",
          "Тел.",
          "Телефон для связи",
          "Контакты"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX; несколько номеров — через запятую",
          "en": "+7XXXXXXXXXX; several separated by commas"
        },
        "example": "+79161234567"
      }
    },
    {
      "name": "guardianName",
      "title": "ФИО родителя (законного представителя)",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Parent or guardian",
        "aliases": [
          "ФИО родителя",
          "Родитель (законный представитель)"
        ],
        "normalizer": "personName",
        "sensitivity": "personal",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия родителя"
          ],
          "firstName": [
            "Имя родителя"
          ],
          "patronymic": [
            "Отчество родителя"
          ]
        }
      }
    },
    {
      "name": "guardianPhone",
      "title": "Телефон родителя (законного представителя)",
      "description": "+7XXXXXXXXXX",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Parent's phone",
        "aliases": [
          "Телефон родителя",
          "Контакты родителя"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX",
          "en": "+7XXXXXXXXXX"
        }
      }
    },
    {
      "name": "interests",
      "title": "Чем ты увлекаешься?",
      "description": "Чем ты увлекаешься?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Interests",
        "aliases": [
          "Интересы",
          "Хобби",
          "Твои интересы"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Чем ты увлекаешься?",
          "en": "Interests"
        }
      }
    },
    {
      "name": "helpAreas",
      "title": "В чем тебе нужна помощь наставника?",
      "description": "Один или несколько вариантов через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Help wanted",
        "aliases": [
          "С чем нужна помощь",
          "Нужна помощь"
        ],
        "normalizer": "choiceList",
        "sensitivity": "personal",
        "note": {
          "ru": "Один или несколько вариантов через запятую",
          "en": "One or more options"
        }
      }
    },
    {
      "name": "request",
      "title": "Что ты хочешь получить от участия в программе?",
      "description": "Что ты хочешь получить от участия в программе?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Request",
        "aliases": [
          "Основной запрос",
          "Запрос"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Что ты хочешь получить от участия в программе?",
          "en": "Request"
        }
      }
    },
    {
      "name": "preferredForms",
      "title": "Какая форма наставничества тебе ближе?",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Preferred forms",
        "aliases": [
          "Формы наставничества",
          "Форма наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "student_student",
            "label": "ученик – ученик",
            "labelEn": "student – student",
            "synonyms": [
              "обучающийся – обучающийся",
              "ученик – ученику",
              "равный – равному"
            ]
          },
          {
            "value": "teacher_teacher",
            "label": "учитель – учитель",
            "labelEn": "teacher – teacher",
            "synonyms": [
              "педагог – педагог"
            ]
          },
          {
            "value": "university_student_student",
            "label": "студент – ученик",
            "labelEn": "university student – student",
            "synonyms": [
              "студент – обучающийся",
              "студент – школьник"
            ]
          },
          {
            "value": "employer_student",
            "label": "работодатель – ученик",
            "labelEn": "employer – student",
            "synonyms": [
              "работодатель – обучающийся",
              "работодатель – школьник"
            ]
          },
          {
            "value": "employer_university_student",
            "label": "работодатель – студент",
            "labelEn": "employer – university student"
          },
          {
            "value": "teacher_young_teacher",
            "label": "педагог – молодой педагог",
            "labelEn": "teacher – young teacher",
            "synonyms": [
              "опытный педагог – молодой специалист",
              "педагог – молодой специалист",
              "учитель – молодой специалист",
              "опытный учитель – молодой специалист",
              "учитель – молодой учитель",
              "педагог – молодой педагог образовательной организации"
            ]
          },
          {
            "value": "head_teacher",
            "label": "руководитель образовательной организации – учитель",
            "labelEn": "head – teacher",
            "synonyms": [
              "руководитель образовательной организации – педагог",
              "руководитель – учитель",
              "руководитель – педагог",
              "руководитель ОО – учитель"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное",
              "другая"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "preferredMentor",
      "title": "Кого бы ты хотел видеть своим наставником?",
      "description": "Кого бы ты хотел видеть своим наставником?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Preferred mentor",
        "aliases": [
          "Желаемый наставник"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Кого бы ты хотел видеть своим наставником?",
          "en": "Preferred mentor"
        }
      }
    },
    {
      "name": "consentProcessing",
      "title": "Согласие родителя на обработку персональных данных получено",
      "description": "да или нет",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Parent's consent received",
        "aliases": [
          "Согласие на обработку персональных данных",
          "Согласие на обработку ПДн"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да или нет",
          "en": "yes or no"
        }
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "x-mentorbase": {
    "kind": "mentee-questionnaire",
    "version": 1,
    "title": {
      "ru": "Анкета наставляемого",
      "en": "Mentee questionnaire"
    },
    "rules": [
      {
        "id": "latest-submission",
        "code": "duplicate-submission",
        "severity": "warning",
        "description": {
          "ru": "Повторные анкеты одного человека: действует последняя по «Отметке времени»",
          "en": "Repeated submissions by one person: the latest timestamp wins"
        }
      },
      {
        "id": "student-mentee-age",
        "code": "age-out-of-range",
        "severity": "error",
        "description": {
          "ru": "Наставляемому-обучающемуся 10–18 лет на дату анкеты",
          "en": "A student mentee is 10–18 on the form's date"
        }
      }
    ],
    "identity": [
      [
        "fullName",
        "birthDate"
      ],
      [
        "fullName",
        "className"
      ],
      [
        "fullName",
        "emails"
      ]
    ]
  }
}
"""#),
        ("mentees", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "mentees",
  "title": "База наставляемых",
  "description": "База наставляемых: одна строка на наставляемого, с наставником, формой и результатами.",
  "fields": [
    {
      "name": "number",
      "title": "№ п/п",
      "description": "Порядковый номер строки (необязательно)",
      "type": "integer",
      "constraints": {
        "minimum": 1
      },
      "x-mentorbase": {
        "titleEn": "No.",
        "aliases": [
          "№",
          "N",
          "Номер",
          "№ пп"
        ],
        "normalizer": "integer",
        "sensitivity": "internal",
        "note": {
          "ru": "Порядковый номер строки (необязательно)",
          "en": "Row number (optional)"
        }
      }
    },
    {
      "name": "fullName",
      "title": "ФИО наставляемого",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "ФИО",
          "Ф.И.О.",
          "Фамилия, имя, отчество",
          "Фамилия Имя Отчество",
          "ФИО участника",
          "ФИО полностью",
          "ФИО обучающегося",
          "ФИО наставляемого (полностью)"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "birthDate",
      "title": "Дата рождения",
      "description": "ДД.ММ.ГГГГ, например 05.09.2010 (можно только год)",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "minimum": "1930-01-01"
      },
      "x-mentorbase": {
        "titleEn": "Birth date",
        "aliases": [
          "Дата рождения",
          "Дата рожд.",
          "Д.р.",
          "Год/Дата рождения",
          "Год рождения",
          "Дата (год) рождения"
        ],
        "normalizer": "birthDate",
        "sensitivity": "personal",
        "note": {
          "ru": "ДД.ММ.ГГГГ, например 05.09.2010 (можно только год)",
          "en": "DD.MM.YYYY"
        },
        "example": "05.09.2010",
        "notAfterToday": true
      }
    },
    {
      "name": "className",
      "title": "Класс",
      "description": "Номер и буква класса, например 7Б",
      "type": "string",
      "constraints": {
        "pattern": "^(?:[1-9]|1[01])[А-Я]?$"
      },
      "x-mentorbase": {
        "titleEn": "Class",
        "aliases": [
          "Класс",
          "Класс обучения",
          "Класс (группа)"
        ],
        "normalizer": "className",
        "sensitivity": "personal",
        "note": {
          "ru": "Номер и буква класса, например 7Б",
          "en": "Grade and letter, e.g. 7Б"
        },
        "example": "7Б"
      }
    },
    {
      "name": "personKind",
      "title": "Обучающийся или педагог",
      "description": "Из списка: обучающийся, педагог, внешний участник",
      "type": "string",
      "categories": [
        {
          "value": "student",
          "label": "обучающийся"
        },
        {
          "value": "staff",
          "label": "педагог"
        },
        {
          "value": "external",
          "label": "внешний участник"
        }
      ],
      "constraints": {
        "enum": [
          "student",
          "staff",
          "external"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Student or staff",
        "aliases": [
          "Тип участника",
          "Участник",
          "Вид участника"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "student",
            "label": "обучающийся",
            "labelEn": "student",
            "synonyms": [
              "ученик",
              "ученица",
              "школьник",
              "учащийся",
              "обучающаяся"
            ]
          },
          {
            "value": "staff",
            "label": "педагог",
            "labelEn": "staff",
            "synonyms": [
              "сотрудник",
              "учитель",
              "педагогический работник",
              "работник"
            ]
          },
          {
            "value": "external",
            "label": "внешний участник",
            "labelEn": "external",
            "synonyms": [
              "родитель",
              "выпускник",
              "представитель работодателя",
              "студент"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: обучающийся, педагог, внешний участник",
          "en": "From the list"
        }
      }
    },
    {
      "name": "organization",
      "title": "Место работы/учебы",
      "description": "Место работы или учебы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Workplace or school",
        "aliases": [
          "Место учебы",
          "Место работы",
          "Образовательная организация",
          "Организация",
          "Место работы/учебы наставляемого"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "workplace",
        "note": {
          "ru": "Место работы или учебы",
          "en": "Workplace or school"
        }
      }
    },
    {
      "name": "snils",
      "title": "СНИЛС",
      "description": "11 цифр: XXX-XXX-XXX YY, например 112-233-445 95; не публикуется",
      "type": "string",
      "constraints": {
        "pattern": "^\\d{3}-\\d{3}-\\d{3} \\d{2}$"
      },
      "x-mentorbase": {
        "titleEn": "SNILS",
        "aliases": [
          "СНИЛС",
          "Страховой номер",
          "Номер СНИЛС"
        ],
        "normalizer": "snils",
        "sensitivity": "identifier",
        "note": {
          "ru": "11 цифр: XXX-XXX-XXX YY, например 112-233-445 95; не публикуется",
          "en": "11 digits: XXX-XXX-XXX YY"
        },
        "example": "112-233-445 95"
      }
    },
    {
      "name": "phones",
      "title": "Контактные данные для связи",
      "description": "+7XXXXXXXXXX; несколько номеров — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Phones",
        "aliases": [
          "Телефон",
          "Контактный телефон",
          "Контактные данные для связи",
          "Номер телефона",
          "Мобильный телефон",
          "Тел.",
          "Телефон для связи",
          "Контакты"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX; несколько номеров — через запятую",
          "en": "+7XXXXXXXXXX; several separated by commas"
        },
        "example": "+79161234567"
      }
    },
    {
      "name": "emails",
      "title": "Электронная почта",
      "description": "адрес электронной почты; несколько — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "E-mails",
        "aliases": [
          "E-mail",
          "Email",
          "Электронная почта",
          "Адрес электронной почты",
          "Эл. почта",
          "Почта"
        ],
        "normalizer": "emails",
        "sensitivity": "contact",
        "note": {
          "ru": "адрес электронной почты; несколько — через запятую",
          "en": "e-mail address(es)"
        },
        "example": "ivanova@mail.ru"
      }
    },
    {
      "name": "guardianName",
      "title": "ФИО родителя (законного представителя)",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Parent or guardian",
        "aliases": [
          "ФИО родителя",
          "Родитель",
          "ФИО законного представителя",
          "Законный представитель",
          "Родитель (законный представитель)"
        ],
        "normalizer": "personName",
        "sensitivity": "personal",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия родителя"
          ],
          "firstName": [
            "Имя родителя"
          ],
          "patronymic": [
            "Отчество родителя"
          ]
        }
      }
    },
    {
      "name": "guardianPhone",
      "title": "Телефон родителя",
      "description": "+7XXXXXXXXXX",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Parent's phone",
        "aliases": [
          "Телефон родителя (законного представителя)",
          "Контакты родителя",
          "Телефон законного представителя"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX",
          "en": "+7XXXXXXXXXX"
        }
      }
    },
    {
      "name": "guardianRelation",
      "title": "Кем приходится",
      "description": "Из списка: родитель, опекун, законный представитель",
      "type": "string",
      "categories": [
        {
          "value": "parent",
          "label": "родитель"
        },
        {
          "value": "guardian",
          "label": "опекун"
        },
        {
          "value": "other_representative",
          "label": "законный представитель"
        }
      ],
      "constraints": {
        "enum": [
          "parent",
          "guardian",
          "other_representative"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Relation",
        "aliases": [
          "Кем приходится наставляемому",
          "Степень родства"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "parent",
            "label": "родитель",
            "labelEn": "parent",
            "synonyms": [
              "мать",
              "отец",
              "мама",
              "папа",
              "родитель (законный представитель)"
            ]
          },
          {
            "value": "guardian",
            "label": "опекун",
            "labelEn": "guardian",
            "synonyms": [
              "попечитель",
              "опекун (попечитель)"
            ]
          },
          {
            "value": "other_representative",
            "label": "законный представитель",
            "labelEn": "other legal representative",
            "synonyms": [
              "представитель",
              "иной законный представитель"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: родитель, опекун, законный представитель",
          "en": "From the list"
        }
      }
    },
    {
      "name": "menteeCategory",
      "title": "Категория наставляемого",
      "description": "Одна или несколько категорий через запятую; ОВЗ, трудная жизненная ситуация и проблемы с поведением — особые сведения, не публикуются",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Mentee category",
        "aliases": [
          "Категория",
          "Категория обучающегося",
          "Категория педагога",
          "Категория наставляемых"
        ],
        "normalizer": "codeList",
        "sensitivity": "special",
        "codes": [
          {
            "value": "gifted",
            "label": "проявившие выдающиеся способности",
            "labelEn": "showing outstanding abilities",
            "synonyms": [
              "одаренные",
              "одаренный",
              "выдающиеся способности",
              "проявивший выдающиеся способности"
            ]
          },
          {
            "value": "low_results",
            "label": "демонстрирующие неудовлетворительные образовательные результаты",
            "labelEn": "unsatisfactory results",
            "synonyms": [
              "неудовлетворительные образовательные результаты",
              "низкая успеваемость",
              "неуспевающие",
              "неуспевающий"
            ]
          },
          {
            "value": "disability",
            "label": "с ограниченными возможностями здоровья (ОВЗ)",
            "labelEn": "with disabilities",
            "synonyms": [
              "ОВЗ",
              "с ОВЗ",
              "ограниченные возможности здоровья"
            ],
            "sensitive": true
          },
          {
            "value": "hardship",
            "label": "попавшие в трудную жизненную ситуацию",
            "labelEn": "in a difficult life situation",
            "synonyms": [
              "трудная жизненная ситуация",
              "ТЖС",
              "попавший в трудную жизненную ситуацию"
            ],
            "sensitive": true
          },
          {
            "value": "behaviour",
            "label": "имеющие проблемы с поведением",
            "labelEn": "with behaviour problems",
            "synonyms": [
              "проблемы с поведением",
              "имеющий проблемы с поведением"
            ],
            "sensitive": true
          },
          {
            "value": "disengaged",
            "label": "не принимающие участие в жизни школы, отстраненные от коллектива",
            "labelEn": "disengaged from school life",
            "synonyms": [
              "отстраненные от коллектива",
              "не принимающие участие в жизни школы",
              "не принимающий участие в жизни школы"
            ]
          },
          {
            "value": "young_specialist",
            "label": "молодой специалист",
            "labelEn": "young specialist (0–3 years)",
            "synonyms": [
              "молодой педагог",
              "молодой специалист (стаж до 3 лет)"
            ]
          },
          {
            "value": "new_staff",
            "label": "новый сотрудник",
            "labelEn": "new staff",
            "synonyms": [
              "вновь прибывший специалист",
              "новый педагог",
              "вновь принятый педагог"
            ]
          },
          {
            "value": "professional_difficulties",
            "label": "испытывающие профессиональные затруднения",
            "labelEn": "professional difficulties",
            "synonyms": [
              "профессиональные затруднения",
              "педагог, испытывающий профессиональные затруднения",
              "испытывающий профессиональные затруднения"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное"
            ]
          }
        ],
        "note": {
          "ru": "Одна или несколько категорий через запятую; ОВЗ, трудная жизненная ситуация и проблемы с поведением — особые сведения, не публикуются",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "teachingExperienceYears",
      "title": "Педагогический стаж (лет)",
      "description": "Полных лет, целое число (0–60)",
      "type": "integer",
      "constraints": {
        "minimum": 0,
        "maximum": 60
      },
      "x-mentorbase": {
        "titleEn": "Teaching experience, years",
        "aliases": [
          "Стаж",
          "Педагогический стаж",
          "Стаж работы",
          "Стаж (лет)",
          "Стаж работы в должности",
          "Педагогический стаж (полных лет)"
        ],
        "normalizer": "years",
        "sensitivity": "personal",
        "note": {
          "ru": "Полных лет, целое число (0–60)",
          "en": "Whole years (0–60)"
        },
        "example": "2"
      }
    },
    {
      "name": "request",
      "title": "Основной запрос наставляемого",
      "description": "Основной запрос наставляемого",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Main request",
        "aliases": [
          "Запрос",
          "Основной запрос",
          "Запрос наставляемого"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Основной запрос наставляемого",
          "en": "Main request"
        }
      }
    },
    {
      "name": "startDate",
      "title": "Дата вхождения в программу",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "Entry date",
        "aliases": [
          "Дата вхождения",
          "Дата включения в программу"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "mentorName",
      "title": "ФИО наставника",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Mentor",
        "aliases": [
          "Наставник",
          "ФИО наставника (полностью)"
        ],
        "normalizer": "personName",
        "sensitivity": "personal",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия наставника"
          ],
          "firstName": [
            "Имя наставника"
          ],
          "patronymic": [
            "Отчество наставника"
          ]
        }
      }
    },
    {
      "name": "mentorWorkplace",
      "title": "Место работы/учебы наставника",
      "description": "Место работы/учебы наставника",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Mentor's workplace",
        "aliases": [
          "Место работы наставника"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Место работы/учебы наставника",
          "en": "Mentor's workplace"
        }
      }
    },
    {
      "name": "form",
      "title": "Форма наставничества",
      "description": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
      "type": "string",
      "categories": [
        {
          "value": "student_student",
          "label": "ученик – ученик"
        },
        {
          "value": "teacher_teacher",
          "label": "учитель – учитель"
        },
        {
          "value": "university_student_student",
          "label": "студент – ученик"
        },
        {
          "value": "employer_student",
          "label": "работодатель – ученик"
        },
        {
          "value": "employer_university_student",
          "label": "работодатель – студент"
        },
        {
          "value": "teacher_young_teacher",
          "label": "педагог – молодой педагог"
        },
        {
          "value": "head_teacher",
          "label": "руководитель образовательной организации – учитель"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "student_student",
          "teacher_teacher",
          "university_student_student",
          "employer_student",
          "employer_university_student",
          "teacher_young_teacher",
          "head_teacher",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Form of mentoring",
        "aliases": [
          "Форма",
          "Форма и вид наставничества",
          "Форма (вид) наставничества",
          "Форма наставничества (вид)"
        ],
        "normalizer": "formAndKind",
        "sensitivity": "public",
        "codes": [
          {
            "value": "student_student",
            "label": "ученик – ученик",
            "labelEn": "student – student",
            "synonyms": [
              "обучающийся – обучающийся",
              "ученик – ученику",
              "равный – равному"
            ]
          },
          {
            "value": "teacher_teacher",
            "label": "учитель – учитель",
            "labelEn": "teacher – teacher",
            "synonyms": [
              "педагог – педагог"
            ]
          },
          {
            "value": "university_student_student",
            "label": "студент – ученик",
            "labelEn": "university student – student",
            "synonyms": [
              "студент – обучающийся",
              "студент – школьник"
            ]
          },
          {
            "value": "employer_student",
            "label": "работодатель – ученик",
            "labelEn": "employer – student",
            "synonyms": [
              "работодатель – обучающийся",
              "работодатель – школьник"
            ]
          },
          {
            "value": "employer_university_student",
            "label": "работодатель – студент",
            "labelEn": "employer – university student"
          },
          {
            "value": "teacher_young_teacher",
            "label": "педагог – молодой педагог",
            "labelEn": "teacher – young teacher",
            "synonyms": [
              "опытный педагог – молодой специалист",
              "педагог – молодой специалист",
              "учитель – молодой специалист",
              "опытный учитель – молодой специалист",
              "учитель – молодой учитель",
              "педагог – молодой педагог образовательной организации"
            ]
          },
          {
            "value": "head_teacher",
            "label": "руководитель образовательной организации – учитель",
            "labelEn": "head – teacher",
            "synonyms": [
              "руководитель образовательной организации – педагог",
              "руководитель – учитель",
              "руководитель – педагог",
              "руководитель ОО – учитель"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное",
              "другая"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
          "en": "From the list; a kind may follow after a comma"
        },
        "kindsField": "kinds"
      }
    },
    {
      "name": "kinds",
      "title": "Вид наставничества",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Kinds of mentoring",
        "aliases": [
          "Вид",
          "Виды наставничества",
          "Вид (тип) наставничества",
          "Тип наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "public",
        "codes": [
          {
            "value": "virtual",
            "label": "виртуальное (дистанционное)",
            "labelEn": "virtual (remote)",
            "synonyms": [
              "виртуальное",
              "дистанционное",
              "онлайн"
            ]
          },
          {
            "value": "group",
            "label": "в группе",
            "labelEn": "group",
            "synonyms": [
              "групповое",
              "группа",
              "групповая"
            ]
          },
          {
            "value": "short_term",
            "label": "краткосрочное (целеполагающее)",
            "labelEn": "short-term (goal-setting)",
            "synonyms": [
              "краткосрочное",
              "целеполагающее"
            ]
          },
          {
            "value": "reverse",
            "label": "реверсивное",
            "labelEn": "reverse",
            "synonyms": [
              "обратное"
            ]
          },
          {
            "value": "situational",
            "label": "ситуационное",
            "labelEn": "situational"
          },
          {
            "value": "speed",
            "label": "скоростное",
            "labelEn": "speed"
          },
          {
            "value": "traditional",
            "label": "традиционное (один-на-один)",
            "labelEn": "traditional (one-to-one)",
            "synonyms": [
              "традиционное",
              "один-на-один",
              "индивидуальное"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "place",
      "title": "Место реализации программы наставничества",
      "description": "Место реализации программы наставничества",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Place",
        "aliases": [
          "Место реализации",
          "Место проведения"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Место реализации программы наставничества",
          "en": "Place"
        }
      }
    },
    {
      "name": "endDate",
      "title": "Дата завершения программы",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "End date",
        "aliases": [
          "Дата завершения",
          "Дата окончания",
          "Дата окончания программы"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "endReason",
      "title": "Причина завершения",
      "description": "Из списка: план выполнен, по инициативе участника, по инициативе куратора, другое",
      "type": "string",
      "categories": [
        {
          "value": "plan_completed",
          "label": "план выполнен"
        },
        {
          "value": "participant_initiative",
          "label": "по инициативе участника"
        },
        {
          "value": "curator_initiative",
          "label": "по инициативе куратора"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "plan_completed",
          "participant_initiative",
          "curator_initiative",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "End reason",
        "aliases": [
          "Основание завершения"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "plan_completed",
            "label": "план выполнен",
            "labelEn": "plan completed",
            "synonyms": [
              "завершение плана",
              "выполнение плана",
              "план реализован",
              "завершен"
            ]
          },
          {
            "value": "participant_initiative",
            "label": "по инициативе участника",
            "labelEn": "participant's initiative",
            "synonyms": [
              "по инициативе наставника",
              "по инициативе наставляемого",
              "по желанию участника"
            ]
          },
          {
            "value": "curator_initiative",
            "label": "по инициативе куратора",
            "labelEn": "curator's initiative",
            "synonyms": [
              "по решению куратора"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: план выполнен, по инициативе участника, по инициативе куратора, другое",
          "en": "From the list"
        }
      }
    },
    {
      "name": "results",
      "title": "Результаты программы",
      "description": "Результаты программы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Results",
        "aliases": [
          "Результаты",
          "Результат"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "note": {
          "ru": "Результаты программы",
          "en": "Results"
        }
      }
    },
    {
      "name": "caseLink",
      "title": "Ссылка на кейс/отзыв наставляемого, размещенные на сайте организации",
      "description": "Ссылка, начинается с https://",
      "type": "string",
      "format": "uri",
      "x-mentorbase": {
        "titleEn": "Case link",
        "aliases": [
          "Ссылка на кейс",
          "Ссылка на отзыв",
          "Ссылка на кейс/отзыв"
        ],
        "normalizer": "url",
        "sensitivity": "public",
        "publishAs": "case",
        "note": {
          "ru": "Ссылка, начинается с https://",
          "en": "A link starting with https://"
        },
        "example": "https://school4.ru/nastavnichestvo/keis-1"
      }
    },
    {
      "name": "status",
      "title": "Статус",
      "description": "Из списка: кандидат, утвержден, действующий, в архиве",
      "type": "string",
      "categories": [
        {
          "value": "candidate",
          "label": "кандидат"
        },
        {
          "value": "approved",
          "label": "утвержден"
        },
        {
          "value": "active",
          "label": "действующий"
        },
        {
          "value": "archived",
          "label": "в архиве"
        }
      ],
      "constraints": {
        "enum": [
          "candidate",
          "approved",
          "active",
          "archived"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Status",
        "aliases": [
          "Статус участника",
          "Статус в программе"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "candidate",
            "label": "кандидат",
            "labelEn": "candidate"
          },
          {
            "value": "approved",
            "label": "утвержден",
            "labelEn": "approved",
            "synonyms": [
              "утверждена",
              "одобрен"
            ]
          },
          {
            "value": "active",
            "label": "действующий",
            "labelEn": "active",
            "synonyms": [
              "активный",
              "текущий участник",
              "участвует",
              "действующая"
            ]
          },
          {
            "value": "archived",
            "label": "в архиве",
            "labelEn": "archived",
            "synonyms": [
              "архив",
              "завершил",
              "завершила",
              "выбыл"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: кандидат, утвержден, действующий, в архиве",
          "en": "From the list"
        }
      }
    },
    {
      "name": "schoolYear",
      "title": "Учебный год",
      "description": "Например 2022/2023",
      "type": "string",
      "constraints": {
        "pattern": "^\\d{4}/\\d{4}$"
      },
      "x-mentorbase": {
        "titleEn": "School year",
        "aliases": [
          "Уч. год",
          "Учебный год реализации"
        ],
        "normalizer": "schoolYear",
        "sensitivity": "internal",
        "note": {
          "ru": "Например 2022/2023",
          "en": "e.g. 2022/2023"
        },
        "example": "2022/2023"
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "uniqueKeys": [
    [
      "snils"
    ]
  ],
  "foreignKeys": [
    {
      "fields": [
        "mentorName"
      ],
      "reference": {
        "resource": "mentors",
        "fields": [
          "fullName"
        ]
      }
    }
  ],
  "x-mentorbase": {
    "kind": "mentees",
    "version": 1,
    "title": {
      "ru": "База наставляемых",
      "en": "Mentee base"
    },
    "rules": [
      {
        "id": "unique-person",
        "code": "unique-error",
        "severity": "error",
        "description": {
          "ru": "Один человек — одна строка: СНИЛС, иначе ФИО с датой рождения, иначе ФИО с классом, телефоном или почтой не повторяются",
          "en": "One person, one row: SNILS, else name with birth date, else name with class, phone or e-mail, never repeat"
        }
      },
      {
        "id": "student-mentee-age",
        "code": "age-out-of-range",
        "severity": "error",
        "description": {
          "ru": "Наставляемому-обучающемуся 10–18 лет на дату вхождения в программу",
          "en": "A student mentee is 10–18 on the entry date"
        }
      },
      {
        "id": "young-specialist-experience",
        "code": "young-specialist-experience",
        "severity": "error",
        "description": {
          "ru": "Молодой специалист — стаж не больше 3 лет",
          "en": "A young specialist has at most 3 years of experience"
        }
      },
      {
        "id": "form-fits-roles",
        "code": "form-role-mismatch",
        "severity": "error",
        "description": {
          "ru": "Форма соответствует ролям: «ученик – ученик» — наставляемый обучающийся, педагогические формы — педагог",
          "en": "The form fits the roles"
        }
      },
      {
        "id": "dates-in-order",
        "code": "date-order",
        "severity": "error",
        "description": {
          "ru": "Дата вхождения не позже даты завершения",
          "en": "Entry date not after the end date"
        }
      },
      {
        "id": "end-reason-needs-end-date",
        "code": "end-date-missing",
        "severity": "warning",
        "description": {
          "ru": "Причина завершения указана — нужна и дата завершения",
          "en": "An end reason needs an end date"
        }
      },
      {
        "id": "minor-guardian",
        "code": "guardian-missing",
        "severity": "warning",
        "description": {
          "ru": "У несовершеннолетнего указан родитель (законный представитель)",
          "en": "A minor has a parent or guardian named"
        }
      }
    ],
    "identity": [
      [
        "snils"
      ],
      [
        "fullName",
        "birthDate"
      ],
      [
        "fullName",
        "className"
      ],
      [
        "fullName",
        "phones"
      ],
      [
        "fullName",
        "emails"
      ]
    ]
  }
}
"""#),
        ("mentor-questionnaire", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "mentor-questionnaire",
  "title": "Анкета наставника",
  "description": "Ответы на анкету потенциального наставника (выгрузка Google Форм или Яндекс Форм).",
  "fields": [
    {
      "name": "responseId",
      "title": "ID ответа",
      "description": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Response ID",
        "aliases": [
          "ID",
          "Номер ответа",
          "№ ответа"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
          "en": "Response ID"
        }
      }
    },
    {
      "name": "submittedAt",
      "title": "Отметка времени",
      "description": "Когда отправлена анкета (ставит Google Формы)",
      "type": "datetime",
      "format": "%d.%m.%Y %H:%M:%S",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Timestamp",
        "aliases": [
          "Timestamp",
          "Время отправки",
          "Дата и время заполнения",
          "Время создания"
        ],
        "normalizer": "dateTime",
        "sensitivity": "internal",
        "note": {
          "ru": "Когда отправлена анкета (ставит Google Формы)",
          "en": "When the form was submitted"
        }
      }
    },
    {
      "name": "emails",
      "title": "Адрес электронной почты",
      "description": "адрес электронной почты; несколько — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "E-mails",
        "aliases": [
          "E-mail",
          "Email",
          "Электронная почта",
          "Адрес электронной почты",
          "Эл. почта",
          "Почта"
        ],
        "normalizer": "emails",
        "sensitivity": "contact",
        "note": {
          "ru": "адрес электронной почты; несколько — через запятую",
          "en": "e-mail address(es)"
        },
        "example": "ivanova@mail.ru"
      }
    },
    {
      "name": "fullName",
      "title": "Фамилия, имя, отчество",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "ФИО",
          "Ф.И.О.",
          "Ваши ФИО",
          "Ваши фамилия, имя, отчество",
          "Укажите ваши фамилию, имя и отчество",
          "Ваше ФИО"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "birthDate",
      "title": "Дата рождения",
      "description": "ДД.ММ.ГГГГ, например 05.09.2010",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "minimum": "1930-01-01"
      },
      "x-mentorbase": {
        "titleEn": "Birth date",
        "aliases": [
          "Дата рождения",
          "Дата рожд.",
          "Д.р."
        ],
        "normalizer": "date",
        "sensitivity": "personal",
        "note": {
          "ru": "ДД.ММ.ГГГГ, например 05.09.2010",
          "en": "DD.MM.YYYY"
        },
        "example": "05.09.2010",
        "notAfterToday": true
      }
    },
    {
      "name": "phones",
      "title": "Контактный телефон",
      "description": "+7XXXXXXXXXX; несколько номеров — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Phones",
        "aliases": [
          "Телефон",
          "Контактный телефон",
          "Контактные данные для связи",
          "Номер телефона",
          "Мобильный телефон",
          "Тел.",
          "Телефон для связи",
          "Контакты"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX; несколько номеров — через запятую",
          "en": "+7XXXXXXXXXX; several separated by commas"
        },
        "example": "+79161234567"
      }
    },
    {
      "name": "organization",
      "title": "Место работы/учебы",
      "description": "Место работы или учебы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Workplace or school",
        "aliases": [
          "Место работы",
          "Место учебы",
          "Организация",
          "Где вы работаете или учитесь"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "workplace",
        "note": {
          "ru": "Место работы или учебы",
          "en": "Workplace or school"
        }
      }
    },
    {
      "name": "position",
      "title": "Должность",
      "description": "Должность; для обучающегося можно указать класс",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Position",
        "aliases": [
          "Должность",
          "Должность/класс",
          "Должность (класс)"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "position",
        "note": {
          "ru": "Должность; для обучающегося можно указать класс",
          "en": "Position; a student may give the class"
        }
      }
    },
    {
      "name": "teachingExperienceYears",
      "title": "Педагогический стаж (полных лет)",
      "description": "Полных лет, целое число (0–60)",
      "type": "integer",
      "constraints": {
        "minimum": 0,
        "maximum": 60
      },
      "x-mentorbase": {
        "titleEn": "Teaching experience, years",
        "aliases": [
          "Стаж",
          "Педагогический стаж",
          "Стаж работы",
          "Стаж (лет)",
          "Стаж работы в должности",
          "Педагогический стаж (полных лет)"
        ],
        "normalizer": "years",
        "sensitivity": "personal",
        "note": {
          "ru": "Полных лет, целое число (0–60)",
          "en": "Whole years (0–60)"
        },
        "example": "2"
      }
    },
    {
      "name": "mentorCategory",
      "title": "Кем вы являетесь?",
      "description": "Из списка: обучающийся, педагог, родитель, выпускник, представитель работодателя, другое",
      "type": "string",
      "categories": [
        {
          "value": "student",
          "label": "обучающийся"
        },
        {
          "value": "teacher",
          "label": "педагог"
        },
        {
          "value": "parent",
          "label": "родитель"
        },
        {
          "value": "alumnus",
          "label": "выпускник"
        },
        {
          "value": "employer_staff",
          "label": "представитель работодателя"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "student",
          "teacher",
          "parent",
          "alumnus",
          "employer_staff",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Who are you?",
        "aliases": [
          "Вы являетесь",
          "Категория наставника",
          "Категория"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "student",
            "label": "обучающийся",
            "labelEn": "student (15–18)",
            "synonyms": [
              "ученик",
              "ученица",
              "школьник",
              "учащийся",
              "обучающаяся"
            ]
          },
          {
            "value": "teacher",
            "label": "педагог",
            "labelEn": "teacher",
            "synonyms": [
              "учитель",
              "преподаватель",
              "воспитатель",
              "педагогический работник"
            ]
          },
          {
            "value": "parent",
            "label": "родитель",
            "labelEn": "parent",
            "synonyms": [
              "мать",
              "отец",
              "мама",
              "папа"
            ]
          },
          {
            "value": "alumnus",
            "label": "выпускник",
            "labelEn": "alumnus",
            "synonyms": [
              "выпускница",
              "выпускник школы"
            ]
          },
          {
            "value": "employer_staff",
            "label": "представитель работодателя",
            "labelEn": "employer's staff",
            "synonyms": [
              "сотрудник предприятия",
              "работодатель",
              "представитель предприятия",
              "представитель организации"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: обучающийся, педагог, родитель, выпускник, представитель работодателя, другое",
          "en": "From the list"
        }
      }
    },
    {
      "name": "competencies",
      "title": "Какими компетенциями вы готовы делиться?",
      "description": "Какими компетенциями вы готовы делиться?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Competencies to share",
        "aliases": [
          "Основные компетенции",
          "Компетенции"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "competencies",
        "note": {
          "ru": "Какими компетенциями вы готовы делиться?",
          "en": "Competencies to share"
        }
      }
    },
    {
      "name": "achievements",
      "title": "Ваши достижения, важные для программы наставничества",
      "description": "Ваши достижения, важные для программы наставничества",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Achievements",
        "aliases": [
          "Достижения"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "achievements",
        "note": {
          "ru": "Ваши достижения, важные для программы наставничества",
          "en": "Achievements"
        }
      }
    },
    {
      "name": "interests",
      "title": "Ваши интересы и хобби",
      "description": "Ваши интересы и хобби",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Interests",
        "aliases": [
          "Интересы",
          "Хобби"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Ваши интересы и хобби",
          "en": "Interests"
        }
      }
    },
    {
      "name": "desiredMenteeAge",
      "title": "С наставляемыми какого возраста вы хотели бы работать?",
      "description": "С наставляемыми какого возраста вы хотели бы работать?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Desired mentee age",
        "aliases": [
          "Желаемый возраст наставляемых"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "С наставляемыми какого возраста вы хотели бы работать?",
          "en": "Desired mentee age"
        }
      }
    },
    {
      "name": "availability",
      "title": "Сколько времени в неделю вы готовы уделять наставничеству?",
      "description": "Сколько времени в неделю вы готовы уделять наставничеству?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Time available",
        "aliases": [
          "Ресурс времени на наставничество",
          "Время, когда удобно выходить на связь"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Сколько времени в неделю вы готовы уделять наставничеству?",
          "en": "Time available"
        }
      }
    },
    {
      "name": "preferredForms",
      "title": "Какие формы наставничества вам интересны?",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Preferred forms",
        "aliases": [
          "Формы наставничества",
          "Интересующие формы наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "student_student",
            "label": "ученик – ученик",
            "labelEn": "student – student",
            "synonyms": [
              "обучающийся – обучающийся",
              "ученик – ученику",
              "равный – равному"
            ]
          },
          {
            "value": "teacher_teacher",
            "label": "учитель – учитель",
            "labelEn": "teacher – teacher",
            "synonyms": [
              "педагог – педагог"
            ]
          },
          {
            "value": "university_student_student",
            "label": "студент – ученик",
            "labelEn": "university student – student",
            "synonyms": [
              "студент – обучающийся",
              "студент – школьник"
            ]
          },
          {
            "value": "employer_student",
            "label": "работодатель – ученик",
            "labelEn": "employer – student",
            "synonyms": [
              "работодатель – обучающийся",
              "работодатель – школьник"
            ]
          },
          {
            "value": "employer_university_student",
            "label": "работодатель – студент",
            "labelEn": "employer – university student"
          },
          {
            "value": "teacher_young_teacher",
            "label": "педагог – молодой педагог",
            "labelEn": "teacher – young teacher",
            "synonyms": [
              "опытный педагог – молодой специалист",
              "педагог – молодой специалист",
              "учитель – молодой специалист",
              "опытный учитель – молодой специалист",
              "учитель – молодой учитель",
              "педагог – молодой педагог образовательной организации"
            ]
          },
          {
            "value": "head_teacher",
            "label": "руководитель образовательной организации – учитель",
            "labelEn": "head – teacher",
            "synonyms": [
              "руководитель образовательной организации – педагог",
              "руководитель – учитель",
              "руководитель – педагог",
              "руководитель ОО – учитель"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное",
              "другая"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "preferredKinds",
      "title": "Какие виды наставничества вам подходят?",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Preferred kinds",
        "aliases": [
          "Виды наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "virtual",
            "label": "виртуальное (дистанционное)",
            "labelEn": "virtual (remote)",
            "synonyms": [
              "виртуальное",
              "дистанционное",
              "онлайн"
            ]
          },
          {
            "value": "group",
            "label": "в группе",
            "labelEn": "group",
            "synonyms": [
              "групповое",
              "группа",
              "групповая"
            ]
          },
          {
            "value": "short_term",
            "label": "краткосрочное (целеполагающее)",
            "labelEn": "short-term (goal-setting)",
            "synonyms": [
              "краткосрочное",
              "целеполагающее"
            ]
          },
          {
            "value": "reverse",
            "label": "реверсивное",
            "labelEn": "reverse",
            "synonyms": [
              "обратное"
            ]
          },
          {
            "value": "situational",
            "label": "ситуационное",
            "labelEn": "situational"
          },
          {
            "value": "speed",
            "label": "скоростное",
            "labelEn": "speed"
          },
          {
            "value": "traditional",
            "label": "традиционное (один-на-один)",
            "labelEn": "traditional (one-to-one)",
            "synonyms": [
              "традиционное",
              "один-на-один",
              "индивидуальное"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "motivation",
      "title": "Почему вы хотите стать наставником?",
      "description": "Почему вы хотите стать наставником?",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Motivation",
        "aliases": [
          "Мотивация"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Почему вы хотите стать наставником?",
          "en": "Motivation"
        }
      }
    },
    {
      "name": "consentProcessing",
      "title": "Я даю согласие на обработку моих персональных данных",
      "description": "Галочка в анкете — слабое подтверждение: нужен отдельный документ",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Consent tick in the form",
        "aliases": [
          "Согласие на обработку персональных данных",
          "Согласие на обработку ПДн"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "Галочка в анкете — слабое подтверждение: нужен отдельный документ",
          "en": "yes or no"
        }
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "x-mentorbase": {
    "kind": "mentor-questionnaire",
    "version": 1,
    "title": {
      "ru": "Анкета наставника",
      "en": "Mentor questionnaire"
    },
    "rules": [
      {
        "id": "latest-submission",
        "code": "duplicate-submission",
        "severity": "warning",
        "description": {
          "ru": "Повторные анкеты одного человека: действует последняя по «Отметке времени»",
          "en": "Repeated submissions by one person: the latest timestamp wins"
        }
      },
      {
        "id": "student-mentor-age",
        "code": "age-out-of-range",
        "severity": "error",
        "description": {
          "ru": "Наставнику-обучающемуся 15–18 лет на дату анкеты",
          "en": "A student mentor is 15–18 on the form's date"
        }
      }
    ],
    "identity": [
      [
        "fullName",
        "birthDate"
      ],
      [
        "fullName",
        "emails"
      ],
      [
        "fullName",
        "phones"
      ]
    ]
  }
}
"""#),
        ("mentors", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "mentors",
  "title": "База наставников",
  "description": "База наставников образовательной организации по целевой модели наставничества: одна строка на наставника.",
  "fields": [
    {
      "name": "number",
      "title": "№ п/п",
      "description": "Порядковый номер строки (необязательно)",
      "type": "integer",
      "constraints": {
        "minimum": 1
      },
      "x-mentorbase": {
        "titleEn": "No.",
        "aliases": [
          "№",
          "N",
          "Номер",
          "№ пп"
        ],
        "normalizer": "integer",
        "sensitivity": "internal",
        "note": {
          "ru": "Порядковый номер строки (необязательно)",
          "en": "Row number (optional)"
        }
      }
    },
    {
      "name": "fullName",
      "title": "ФИО наставника",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "ФИО",
          "Ф.И.О.",
          "Фамилия, имя, отчество",
          "Фамилия Имя Отчество",
          "ФИО участника",
          "ФИО полностью",
          "ФИО наставника (полностью)"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "birthDate",
      "title": "Дата рождения",
      "description": "ДД.ММ.ГГГГ, например 05.09.2010",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "minimum": "1930-01-01"
      },
      "x-mentorbase": {
        "titleEn": "Birth date",
        "aliases": [
          "Дата рождения",
          "Дата рожд.",
          "Д.р."
        ],
        "normalizer": "date",
        "sensitivity": "personal",
        "note": {
          "ru": "ДД.ММ.ГГГГ, например 05.09.2010",
          "en": "DD.MM.YYYY"
        },
        "example": "05.09.2010",
        "notAfterToday": true
      }
    },
    {
      "name": "snils",
      "title": "СНИЛС",
      "description": "11 цифр: XXX-XXX-XXX YY, например 112-233-445 95; не публикуется",
      "type": "string",
      "constraints": {
        "pattern": "^\\d{3}-\\d{3}-\\d{3} \\d{2}$"
      },
      "x-mentorbase": {
        "titleEn": "SNILS",
        "aliases": [
          "СНИЛС",
          "Страховой номер",
          "Номер СНИЛС"
        ],
        "normalizer": "snils",
        "sensitivity": "identifier",
        "note": {
          "ru": "11 цифр: XXX-XXX-XXX YY, например 112-233-445 95; не публикуется",
          "en": "11 digits: XXX-XXX-XXX YY"
        },
        "example": "112-233-445 95"
      }
    },
    {
      "name": "phones",
      "title": "Контактный телефон",
      "description": "+7XXXXXXXXXX; несколько номеров — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Phones",
        "aliases": [
          "Телефон",
          "Контактный телефон",
          "Контактные данные для связи",
          "Номер телефона",
          "Мобильный телефон",
          "Тел.",
          "Телефон для связи",
          "Контакты"
        ],
        "normalizer": "phones",
        "sensitivity": "contact",
        "note": {
          "ru": "+7XXXXXXXXXX; несколько номеров — через запятую",
          "en": "+7XXXXXXXXXX; several separated by commas"
        },
        "example": "+79161234567"
      }
    },
    {
      "name": "emails",
      "title": "Электронная почта",
      "description": "адрес электронной почты; несколько — через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "E-mails",
        "aliases": [
          "E-mail",
          "Email",
          "Электронная почта",
          "Адрес электронной почты",
          "Эл. почта",
          "Почта"
        ],
        "normalizer": "emails",
        "sensitivity": "contact",
        "note": {
          "ru": "адрес электронной почты; несколько — через запятую",
          "en": "e-mail address(es)"
        },
        "example": "ivanova@mail.ru"
      }
    },
    {
      "name": "organization",
      "title": "Место работы/учебы наставника",
      "description": "Место работы или учебы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Workplace or school",
        "aliases": [
          "Место работы/учебы",
          "Место работы",
          "Место учебы",
          "Образовательная организация",
          "Организация"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "workplace",
        "note": {
          "ru": "Место работы или учебы",
          "en": "Workplace or school"
        }
      }
    },
    {
      "name": "position",
      "title": "Должность",
      "description": "Должность; для обучающегося можно указать класс",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Position",
        "aliases": [
          "Должность",
          "Должность/класс",
          "Должность (класс)"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "position",
        "note": {
          "ru": "Должность; для обучающегося можно указать класс",
          "en": "Position; a student may give the class"
        }
      }
    },
    {
      "name": "className",
      "title": "Класс",
      "description": "Номер и буква класса, например 7Б",
      "type": "string",
      "constraints": {
        "pattern": "^(?:[1-9]|1[01])[А-Я]?$"
      },
      "x-mentorbase": {
        "titleEn": "Class",
        "aliases": [
          "Класс",
          "Класс обучения",
          "Класс (группа)"
        ],
        "normalizer": "className",
        "sensitivity": "personal",
        "note": {
          "ru": "Номер и буква класса, например 7Б",
          "en": "Grade and letter, e.g. 7Б"
        },
        "example": "7Б"
      }
    },
    {
      "name": "teachingExperienceYears",
      "title": "Педагогический стаж (лет)",
      "description": "Полных лет, целое число (0–60)",
      "type": "integer",
      "constraints": {
        "minimum": 0,
        "maximum": 60
      },
      "x-mentorbase": {
        "titleEn": "Teaching experience, years",
        "aliases": [
          "Стаж",
          "Педагогический стаж",
          "Стаж работы",
          "Стаж (лет)",
          "Стаж работы в должности",
          "Педагогический стаж (полных лет)"
        ],
        "normalizer": "years",
        "sensitivity": "personal",
        "note": {
          "ru": "Полных лет, целое число (0–60)",
          "en": "Whole years (0–60)"
        },
        "example": "2"
      }
    },
    {
      "name": "mentorCategory",
      "title": "Категория наставника",
      "description": "Из списка: обучающийся, педагог, родитель, выпускник, представитель работодателя, другое",
      "type": "string",
      "categories": [
        {
          "value": "student",
          "label": "обучающийся"
        },
        {
          "value": "teacher",
          "label": "педагог"
        },
        {
          "value": "parent",
          "label": "родитель"
        },
        {
          "value": "alumnus",
          "label": "выпускник"
        },
        {
          "value": "employer_staff",
          "label": "представитель работодателя"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "student",
          "teacher",
          "parent",
          "alumnus",
          "employer_staff",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Mentor category",
        "aliases": [
          "Категория",
          "Кем вы являетесь",
          "Вы являетесь",
          "Роль наставника"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "student",
            "label": "обучающийся",
            "labelEn": "student (15–18)",
            "synonyms": [
              "ученик",
              "ученица",
              "школьник",
              "учащийся",
              "обучающаяся"
            ]
          },
          {
            "value": "teacher",
            "label": "педагог",
            "labelEn": "teacher",
            "synonyms": [
              "учитель",
              "преподаватель",
              "воспитатель",
              "педагогический работник"
            ]
          },
          {
            "value": "parent",
            "label": "родитель",
            "labelEn": "parent",
            "synonyms": [
              "мать",
              "отец",
              "мама",
              "папа"
            ]
          },
          {
            "value": "alumnus",
            "label": "выпускник",
            "labelEn": "alumnus",
            "synonyms": [
              "выпускница",
              "выпускник школы"
            ]
          },
          {
            "value": "employer_staff",
            "label": "представитель работодателя",
            "labelEn": "employer's staff",
            "synonyms": [
              "сотрудник предприятия",
              "работодатель",
              "представитель предприятия",
              "представитель организации"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: обучающийся, педагог, родитель, выпускник, представитель работодателя, другое",
          "en": "From the list"
        }
      }
    },
    {
      "name": "competencies",
      "title": "Основные компетенции",
      "description": "Основные компетенции",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Main competencies",
        "aliases": [
          "Компетенции"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "competencies",
        "note": {
          "ru": "Основные компетенции",
          "en": "Main competencies"
        }
      }
    },
    {
      "name": "achievements",
      "title": "Важные для программы достижения наставника",
      "description": "Важные для программы достижения наставника",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Achievements",
        "aliases": [
          "Достижения",
          "Достижения наставника"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "publishAs": "achievements",
        "note": {
          "ru": "Важные для программы достижения наставника",
          "en": "Achievements"
        }
      }
    },
    {
      "name": "interests",
      "title": "Интересы наставника",
      "description": "Интересы наставника",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Interests",
        "aliases": [
          "Интересы",
          "Хобби"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Интересы наставника",
          "en": "Interests"
        }
      }
    },
    {
      "name": "desiredMenteeAge",
      "title": "Желаемый возраст наставляемых",
      "description": "Желаемый возраст наставляемых",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Desired mentee age",
        "aliases": [
          "Возраст наставляемых"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Желаемый возраст наставляемых",
          "en": "Desired mentee age"
        }
      }
    },
    {
      "name": "availability",
      "title": "Время, когда удобно выходить на связь",
      "description": "Время, когда удобно выходить на связь",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "When to contact",
        "aliases": [
          "Ресурс времени на наставничество",
          "Удобное время для связи",
          "Время для связи"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Время, когда удобно выходить на связь",
          "en": "When to contact"
        }
      }
    },
    {
      "name": "form",
      "title": "Форма наставничества",
      "description": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
      "type": "string",
      "categories": [
        {
          "value": "student_student",
          "label": "ученик – ученик"
        },
        {
          "value": "teacher_teacher",
          "label": "учитель – учитель"
        },
        {
          "value": "university_student_student",
          "label": "студент – ученик"
        },
        {
          "value": "employer_student",
          "label": "работодатель – ученик"
        },
        {
          "value": "employer_university_student",
          "label": "работодатель – студент"
        },
        {
          "value": "teacher_young_teacher",
          "label": "педагог – молодой педагог"
        },
        {
          "value": "head_teacher",
          "label": "руководитель образовательной организации – учитель"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "student_student",
          "teacher_teacher",
          "university_student_student",
          "employer_student",
          "employer_university_student",
          "teacher_young_teacher",
          "head_teacher",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Form of mentoring",
        "aliases": [
          "Форма",
          "Форма и вид наставничества",
          "Форма (вид) наставничества",
          "Форма наставничества (вид)"
        ],
        "normalizer": "formAndKind",
        "sensitivity": "public",
        "codes": [
          {
            "value": "student_student",
            "label": "ученик – ученик",
            "labelEn": "student – student",
            "synonyms": [
              "обучающийся – обучающийся",
              "ученик – ученику",
              "равный – равному"
            ]
          },
          {
            "value": "teacher_teacher",
            "label": "учитель – учитель",
            "labelEn": "teacher – teacher",
            "synonyms": [
              "педагог – педагог"
            ]
          },
          {
            "value": "university_student_student",
            "label": "студент – ученик",
            "labelEn": "university student – student",
            "synonyms": [
              "студент – обучающийся",
              "студент – школьник"
            ]
          },
          {
            "value": "employer_student",
            "label": "работодатель – ученик",
            "labelEn": "employer – student",
            "synonyms": [
              "работодатель – обучающийся",
              "работодатель – школьник"
            ]
          },
          {
            "value": "employer_university_student",
            "label": "работодатель – студент",
            "labelEn": "employer – university student"
          },
          {
            "value": "teacher_young_teacher",
            "label": "педагог – молодой педагог",
            "labelEn": "teacher – young teacher",
            "synonyms": [
              "опытный педагог – молодой специалист",
              "педагог – молодой специалист",
              "учитель – молодой специалист",
              "опытный учитель – молодой специалист",
              "учитель – молодой учитель",
              "педагог – молодой педагог образовательной организации"
            ]
          },
          {
            "value": "head_teacher",
            "label": "руководитель образовательной организации – учитель",
            "labelEn": "head – teacher",
            "synonyms": [
              "руководитель образовательной организации – педагог",
              "руководитель – учитель",
              "руководитель – педагог",
              "руководитель ОО – учитель"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное",
              "другая"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
          "en": "From the list; a kind may follow after a comma"
        },
        "kindsField": "kinds"
      }
    },
    {
      "name": "kinds",
      "title": "Вид наставничества",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Kinds of mentoring",
        "aliases": [
          "Вид",
          "Виды наставничества",
          "Вид (тип) наставничества",
          "Тип наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "public",
        "codes": [
          {
            "value": "virtual",
            "label": "виртуальное (дистанционное)",
            "labelEn": "virtual (remote)",
            "synonyms": [
              "виртуальное",
              "дистанционное",
              "онлайн"
            ]
          },
          {
            "value": "group",
            "label": "в группе",
            "labelEn": "group",
            "synonyms": [
              "групповое",
              "группа",
              "групповая"
            ]
          },
          {
            "value": "short_term",
            "label": "краткосрочное (целеполагающее)",
            "labelEn": "short-term (goal-setting)",
            "synonyms": [
              "краткосрочное",
              "целеполагающее"
            ]
          },
          {
            "value": "reverse",
            "label": "реверсивное",
            "labelEn": "reverse",
            "synonyms": [
              "обратное"
            ]
          },
          {
            "value": "situational",
            "label": "ситуационное",
            "labelEn": "situational"
          },
          {
            "value": "speed",
            "label": "скоростное",
            "labelEn": "speed"
          },
          {
            "value": "traditional",
            "label": "традиционное (один-на-один)",
            "labelEn": "traditional (one-to-one)",
            "synonyms": [
              "традиционное",
              "один-на-один",
              "индивидуальное"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "menteeNames",
      "title": "ФИО наставляемого",
      "description": "ФИО полностью; несколько человек — через точку с запятой или с новой строки",
      "type": "list",
      "delimiter": "; ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Mentees",
        "aliases": [
          "ФИО наставляемых",
          "Наставляемые",
          "ФИО наставляемого (наставляемых)"
        ],
        "normalizer": "personNameList",
        "sensitivity": "personal",
        "note": {
          "ru": "ФИО полностью; несколько человек — через точку с запятой или с новой строки",
          "en": "Full names separated by ';' or line breaks"
        }
      }
    },
    {
      "name": "menteeWorkplace",
      "title": "Место работы/учебы наставляемого",
      "description": "Место работы/учебы наставляемого",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Mentee's workplace or school",
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Место работы/учебы наставляемого",
          "en": "Mentee's workplace or school"
        }
      }
    },
    {
      "name": "startDate",
      "title": "Дата вхождения в программу",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "Entry date",
        "aliases": [
          "Дата вхождения",
          "Дата включения в программу"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "planTerm",
      "title": "Срок осуществления плана",
      "description": "Срок осуществления плана",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Plan term",
        "aliases": [
          "Срок реализации плана"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Срок осуществления плана",
          "en": "Plan term"
        }
      }
    },
    {
      "name": "results",
      "title": "Результаты программы",
      "description": "Результаты программы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Results",
        "aliases": [
          "Результаты",
          "Результат"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "note": {
          "ru": "Результаты программы",
          "en": "Results"
        }
      }
    },
    {
      "name": "caseLink",
      "title": "Ссылка на кейс/отзыв наставника, размещенные на сайте организации",
      "description": "Ссылка, начинается с https://",
      "type": "string",
      "format": "uri",
      "x-mentorbase": {
        "titleEn": "Case link",
        "aliases": [
          "Ссылка на кейс",
          "Ссылка на отзыв",
          "Ссылка на кейс/отзыв"
        ],
        "normalizer": "url",
        "sensitivity": "public",
        "publishAs": "case",
        "note": {
          "ru": "Ссылка, начинается с https://",
          "en": "A link starting with https://"
        },
        "example": "https://school4.ru/nastavnichestvo/keis-1"
      }
    },
    {
      "name": "photoLink",
      "title": "Ссылка на фото наставника",
      "description": "Ссылка, начинается с https://",
      "type": "string",
      "format": "uri",
      "x-mentorbase": {
        "titleEn": "Photo link",
        "aliases": [
          "Фото",
          "Ссылка на фото",
          "Фото наставника"
        ],
        "normalizer": "url",
        "sensitivity": "public",
        "publishAs": "photo",
        "note": {
          "ru": "Ссылка, начинается с https://",
          "en": "A link starting with https://"
        },
        "example": "https://school4.ru/nastavnichestvo/keis-1"
      }
    },
    {
      "name": "status",
      "title": "Статус",
      "description": "Из списка: кандидат, утвержден, действующий, в архиве",
      "type": "string",
      "categories": [
        {
          "value": "candidate",
          "label": "кандидат"
        },
        {
          "value": "approved",
          "label": "утвержден"
        },
        {
          "value": "active",
          "label": "действующий"
        },
        {
          "value": "archived",
          "label": "в архиве"
        }
      ],
      "constraints": {
        "enum": [
          "candidate",
          "approved",
          "active",
          "archived"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Status",
        "aliases": [
          "Статус участника",
          "Статус в программе"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "candidate",
            "label": "кандидат",
            "labelEn": "candidate"
          },
          {
            "value": "approved",
            "label": "утвержден",
            "labelEn": "approved",
            "synonyms": [
              "утверждена",
              "одобрен"
            ]
          },
          {
            "value": "active",
            "label": "действующий",
            "labelEn": "active",
            "synonyms": [
              "активный",
              "текущий участник",
              "участвует",
              "действующая"
            ]
          },
          {
            "value": "archived",
            "label": "в архиве",
            "labelEn": "archived",
            "synonyms": [
              "архив",
              "завершил",
              "завершила",
              "выбыл"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: кандидат, утвержден, действующий, в архиве",
          "en": "From the list"
        }
      }
    },
    {
      "name": "schoolYear",
      "title": "Учебный год",
      "description": "Например 2022/2023",
      "type": "string",
      "constraints": {
        "pattern": "^\\d{4}/\\d{4}$"
      },
      "x-mentorbase": {
        "titleEn": "School year",
        "aliases": [
          "Уч. год",
          "Учебный год реализации"
        ],
        "normalizer": "schoolYear",
        "sensitivity": "internal",
        "note": {
          "ru": "Например 2022/2023",
          "en": "e.g. 2022/2023"
        },
        "example": "2022/2023"
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "uniqueKeys": [
    [
      "snils"
    ]
  ],
  "x-mentorbase": {
    "kind": "mentors",
    "version": 1,
    "title": {
      "ru": "База наставников",
      "en": "Mentor base"
    },
    "rules": [
      {
        "id": "unique-person",
        "code": "unique-error",
        "severity": "error",
        "description": {
          "ru": "Один человек — одна строка: СНИЛС, иначе ФИО с датой рождения, иначе ФИО с классом, телефоном или почтой не повторяются",
          "en": "One person, one row: SNILS, else name with birth date, else name with class, phone or e-mail, never repeat"
        }
      },
      {
        "id": "student-mentor-age",
        "code": "age-out-of-range",
        "severity": "error",
        "description": {
          "ru": "Наставнику-обучающемуся 15–18 лет на дату вхождения в программу",
          "en": "A student mentor is 15–18 on the entry date"
        }
      },
      {
        "id": "form-fits-roles",
        "code": "form-role-mismatch",
        "severity": "error",
        "description": {
          "ru": "Форма соответствует ролям: «ученик – ученик» — наставник обучающийся, педагогические формы — педагог, формы работодателя — внешний наставник",
          "en": "The form fits the roles"
        }
      }
    ],
    "identity": [
      [
        "snils"
      ],
      [
        "fullName",
        "birthDate"
      ],
      [
        "fullName",
        "className"
      ],
      [
        "fullName",
        "phones"
      ],
      [
        "fullName",
        "emails"
      ]
    ]
  }
}
"""#),
        ("monitoring-questionnaire", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "monitoring-questionnaire",
  "title": "Анкета мониторинга удовлетворенности",
  "description": "Мониторинг личной удовлетворенности участием в программе (дважды за цикл), оценки по шкале 1–10.",
  "fields": [
    {
      "name": "responseId",
      "title": "ID ответа",
      "description": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Response ID",
        "aliases": [
          "ID",
          "Номер ответа",
          "№ ответа"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Номер ответа в выгрузке формы (Яндекс Формы ставят его сами)",
          "en": "Response ID"
        }
      }
    },
    {
      "name": "submittedAt",
      "title": "Отметка времени",
      "description": "Когда отправлена анкета (ставит Google Формы)",
      "type": "datetime",
      "format": "%d.%m.%Y %H:%M:%S",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Timestamp",
        "aliases": [
          "Timestamp",
          "Время отправки",
          "Дата и время заполнения",
          "Время создания"
        ],
        "normalizer": "dateTime",
        "sensitivity": "internal",
        "note": {
          "ru": "Когда отправлена анкета (ставит Google Формы)",
          "en": "When the form was submitted"
        }
      }
    },
    {
      "name": "fullName",
      "title": "Фамилия, имя, отчество",
      "description": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Full name",
        "aliases": [
          "ФИО",
          "Ф.И.О.",
          "Ваши ФИО",
          "Ваше ФИО"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "publishAs": "fio",
        "note": {
          "ru": "Фамилия Имя Отчество полностью, например «Иванова Мария Петровна»",
          "en": "Surname, name, patronymic in full"
        },
        "example": "Иванова Мария Петровна",
        "nameParts": {
          "lastName": [
            "Фамилия"
          ],
          "firstName": [
            "Имя"
          ],
          "patronymic": [
            "Отчество"
          ]
        }
      }
    },
    {
      "name": "role",
      "title": "Ваша роль в программе",
      "description": "Из списка: наставник, наставляемый",
      "type": "string",
      "categories": [
        {
          "value": "mentor",
          "label": "наставник"
        },
        {
          "value": "mentee",
          "label": "наставляемый"
        }
      ],
      "constraints": {
        "required": true,
        "enum": [
          "mentor",
          "mentee"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Role",
        "aliases": [
          "Роль",
          "Вы участвуете как",
          "Роль в программе"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "mentor",
            "label": "наставник",
            "labelEn": "mentor",
            "synonyms": [
              "наставница"
            ]
          },
          {
            "value": "mentee",
            "label": "наставляемый",
            "labelEn": "mentee",
            "synonyms": [
              "наставляемая",
              "ученик",
              "обучающийся"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: наставник, наставляемый",
          "en": "From the list"
        }
      }
    },
    {
      "name": "stage",
      "title": "Этап мониторинга",
      "description": "Из списка: первый мониторинг, второй мониторинг",
      "type": "string",
      "categories": [
        {
          "value": "monitoring_1",
          "label": "первый мониторинг"
        },
        {
          "value": "monitoring_2",
          "label": "второй мониторинг"
        }
      ],
      "constraints": {
        "enum": [
          "monitoring_1",
          "monitoring_2"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Stage",
        "aliases": [
          "Этап",
          "Мониторинг"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "monitoring_1",
            "label": "первый мониторинг",
            "labelEn": "first monitoring",
            "synonyms": [
              "1",
              "1 этап",
              "первый этап",
              "промежуточный",
              "промежуточный мониторинг"
            ]
          },
          {
            "value": "monitoring_2",
            "label": "второй мониторинг",
            "labelEn": "second monitoring",
            "synonyms": [
              "2",
              "2 этап",
              "второй этап",
              "итоговый",
              "итоговый мониторинг"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: первый мониторинг, второй мониторинг",
          "en": "From the list"
        }
      }
    },
    {
      "name": "partnerName",
      "title": "ФИО наставника / наставляемого",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Partner",
        "aliases": [
          "ФИО наставника",
          "ФИО наставляемого",
          "Ваш наставник",
          "Ваш наставляемый"
        ],
        "normalizer": "personName",
        "sensitivity": "personal",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия наставника"
          ],
          "firstName": [
            "Имя наставника"
          ],
          "patronymic": [
            "Отчество наставника"
          ]
        }
      }
    },
    {
      "name": "satisfaction",
      "title": "Насколько вы удовлетворены участием в программе наставничества?",
      "description": "Оценка от 1 до 10",
      "type": "integer",
      "constraints": {
        "minimum": 1,
        "maximum": 10,
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Satisfaction",
        "aliases": [
          "Удовлетворенность",
          "Удовлетворенность участием в программе"
        ],
        "normalizer": "integer",
        "sensitivity": "personal",
        "note": {
          "ru": "Оценка от 1 до 10",
          "en": "A score from 1 to 10"
        },
        "example": "8"
      }
    },
    {
      "name": "meetingsQuality",
      "title": "Оцените полезность и качество встреч",
      "description": "Оценка от 1 до 10",
      "type": "integer",
      "constraints": {
        "minimum": 1,
        "maximum": 10
      },
      "x-mentorbase": {
        "titleEn": "Meeting quality",
        "aliases": [
          "Качество встреч",
          "Полезность встреч"
        ],
        "normalizer": "integer",
        "sensitivity": "personal",
        "note": {
          "ru": "Оценка от 1 до 10",
          "en": "A score from 1 to 10"
        },
        "example": "8"
      }
    },
    {
      "name": "expectationsMet",
      "title": "Насколько оправдались ваши ожидания от программы?",
      "description": "Оценка от 1 до 10",
      "type": "integer",
      "constraints": {
        "minimum": 1,
        "maximum": 10
      },
      "x-mentorbase": {
        "titleEn": "Expectations met",
        "aliases": [
          "Оправдались ли ожидания"
        ],
        "normalizer": "integer",
        "sensitivity": "personal",
        "note": {
          "ru": "Оценка от 1 до 10",
          "en": "A score from 1 to 10"
        },
        "example": "8"
      }
    },
    {
      "name": "wantsToContinue",
      "title": "Хотели бы вы продолжить работу в паре?",
      "description": "да или нет",
      "type": "boolean",
      "trueValues": [
        "да",
        "Да",
        "ДА",
        "+",
        "1",
        "✓",
        "✔",
        "v",
        "V",
        "x",
        "X",
        "х",
        "Х",
        "true",
        "TRUE",
        "yes",
        "Yes",
        "согласен",
        "согласна",
        "Согласен",
        "Согласна",
        "есть",
        "имеется"
      ],
      "falseValues": [
        "нет",
        "Нет",
        "НЕТ",
        "-",
        "0",
        "false",
        "FALSE",
        "no",
        "No",
        "не согласен",
        "не согласна",
        "отсутствует"
      ],
      "x-mentorbase": {
        "titleEn": "Wants to continue",
        "aliases": [
          "Продолжить работу в паре",
          "Хотите ли продолжить"
        ],
        "normalizer": "boolean",
        "sensitivity": "internal",
        "note": {
          "ru": "да или нет",
          "en": "yes or no"
        }
      }
    },
    {
      "name": "comments",
      "title": "Ваши предложения и комментарии",
      "description": "Ваши предложения и комментарии",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Comments",
        "aliases": [
          "Комментарии",
          "Предложения"
        ],
        "normalizer": "text",
        "sensitivity": "personal",
        "note": {
          "ru": "Ваши предложения и комментарии",
          "en": "Comments"
        }
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "x-mentorbase": {
    "kind": "monitoring-questionnaire",
    "version": 1,
    "title": {
      "ru": "Анкета мониторинга удовлетворенности",
      "en": "Monitoring questionnaire"
    },
    "rules": [
      {
        "id": "latest-submission",
        "code": "duplicate-submission",
        "severity": "warning",
        "description": {
          "ru": "Повторные анкеты одного человека: действует последняя по «Отметке времени»",
          "en": "Repeated submissions by one person: the latest timestamp wins"
        }
      }
    ],
    "identity": [
      [
        "fullName",
        "role",
        "stage"
      ]
    ]
  }
}
"""#),
        ("pairs", #"""
{
  "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
  "name": "pairs",
  "title": "Наставнические пары и группы",
  "description": "Пары и группы, закрепленные приказом: наставник, наставляемые, форма, сроки, результаты.",
  "fields": [
    {
      "name": "pairId",
      "title": "№ пары",
      "description": "№ пары",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Pair No.",
        "aliases": [
          "№ пары/группы",
          "Номер пары",
          "№ тандема",
          "№ группы"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "№ пары",
          "en": "Pair No."
        }
      }
    },
    {
      "name": "mentorName",
      "title": "ФИО наставника",
      "description": "Фамилия Имя Отчество полностью",
      "type": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Mentor",
        "aliases": [
          "Наставник"
        ],
        "normalizer": "personName",
        "sensitivity": "public",
        "note": {
          "ru": "Фамилия Имя Отчество полностью",
          "en": "Full name"
        },
        "nameParts": {
          "lastName": [
            "Фамилия наставника"
          ],
          "firstName": [
            "Имя наставника"
          ],
          "patronymic": [
            "Отчество наставника"
          ]
        }
      }
    },
    {
      "name": "menteeNames",
      "title": "ФИО наставляемого",
      "description": "ФИО полностью; несколько человек — через точку с запятой или с новой строки",
      "type": "list",
      "delimiter": "; ",
      "itemType": "string",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Mentees",
        "aliases": [
          "ФИО наставляемых",
          "Наставляемые",
          "Наставляемый",
          "Состав группы"
        ],
        "normalizer": "personNameList",
        "sensitivity": "personal",
        "note": {
          "ru": "ФИО полностью; несколько человек — через точку с запятой или с новой строки",
          "en": "Full names separated by ';' or line breaks"
        }
      }
    },
    {
      "name": "form",
      "title": "Форма наставничества",
      "description": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
      "type": "string",
      "categories": [
        {
          "value": "student_student",
          "label": "ученик – ученик"
        },
        {
          "value": "teacher_teacher",
          "label": "учитель – учитель"
        },
        {
          "value": "university_student_student",
          "label": "студент – ученик"
        },
        {
          "value": "employer_student",
          "label": "работодатель – ученик"
        },
        {
          "value": "employer_university_student",
          "label": "работодатель – студент"
        },
        {
          "value": "teacher_young_teacher",
          "label": "педагог – молодой педагог"
        },
        {
          "value": "head_teacher",
          "label": "руководитель образовательной организации – учитель"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "required": true,
        "enum": [
          "student_student",
          "teacher_teacher",
          "university_student_student",
          "employer_student",
          "employer_university_student",
          "teacher_young_teacher",
          "head_teacher",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "Form of mentoring",
        "aliases": [
          "Форма",
          "Форма и вид наставничества",
          "Форма (вид) наставничества",
          "Форма наставничества (вид)"
        ],
        "normalizer": "formAndKind",
        "sensitivity": "public",
        "codes": [
          {
            "value": "student_student",
            "label": "ученик – ученик",
            "labelEn": "student – student",
            "synonyms": [
              "обучающийся – обучающийся",
              "ученик – ученику",
              "равный – равному"
            ]
          },
          {
            "value": "teacher_teacher",
            "label": "учитель – учитель",
            "labelEn": "teacher – teacher",
            "synonyms": [
              "педагог – педагог"
            ]
          },
          {
            "value": "university_student_student",
            "label": "студент – ученик",
            "labelEn": "university student – student",
            "synonyms": [
              "студент – обучающийся",
              "студент – школьник"
            ]
          },
          {
            "value": "employer_student",
            "label": "работодатель – ученик",
            "labelEn": "employer – student",
            "synonyms": [
              "работодатель – обучающийся",
              "работодатель – школьник"
            ]
          },
          {
            "value": "employer_university_student",
            "label": "работодатель – студент",
            "labelEn": "employer – university student"
          },
          {
            "value": "teacher_young_teacher",
            "label": "педагог – молодой педагог",
            "labelEn": "teacher – young teacher",
            "synonyms": [
              "опытный педагог – молодой специалист",
              "педагог – молодой специалист",
              "учитель – молодой специалист",
              "опытный учитель – молодой специалист",
              "учитель – молодой учитель",
              "педагог – молодой педагог образовательной организации"
            ]
          },
          {
            "value": "head_teacher",
            "label": "руководитель образовательной организации – учитель",
            "labelEn": "head – teacher",
            "synonyms": [
              "руководитель образовательной организации – педагог",
              "руководитель – учитель",
              "руководитель – педагог",
              "руководитель ОО – учитель"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное",
              "другая"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: ученик – ученик, учитель – учитель, …; вид можно указать здесь же через запятую",
          "en": "From the list; a kind may follow after a comma"
        },
        "kindsField": "kinds"
      }
    },
    {
      "name": "kinds",
      "title": "Вид наставничества",
      "description": "Один или несколько из списка через запятую",
      "type": "list",
      "delimiter": ", ",
      "itemType": "string",
      "x-mentorbase": {
        "titleEn": "Kinds of mentoring",
        "aliases": [
          "Вид",
          "Виды наставничества",
          "Вид (тип) наставничества",
          "Тип наставничества"
        ],
        "normalizer": "codeList",
        "sensitivity": "public",
        "codes": [
          {
            "value": "virtual",
            "label": "виртуальное (дистанционное)",
            "labelEn": "virtual (remote)",
            "synonyms": [
              "виртуальное",
              "дистанционное",
              "онлайн"
            ]
          },
          {
            "value": "group",
            "label": "в группе",
            "labelEn": "group",
            "synonyms": [
              "групповое",
              "группа",
              "групповая"
            ]
          },
          {
            "value": "short_term",
            "label": "краткосрочное (целеполагающее)",
            "labelEn": "short-term (goal-setting)",
            "synonyms": [
              "краткосрочное",
              "целеполагающее"
            ]
          },
          {
            "value": "reverse",
            "label": "реверсивное",
            "labelEn": "reverse",
            "synonyms": [
              "обратное"
            ]
          },
          {
            "value": "situational",
            "label": "ситуационное",
            "labelEn": "situational"
          },
          {
            "value": "speed",
            "label": "скоростное",
            "labelEn": "speed"
          },
          {
            "value": "traditional",
            "label": "традиционное (один-на-один)",
            "labelEn": "traditional (one-to-one)",
            "synonyms": [
              "традиционное",
              "один-на-один",
              "индивидуальное"
            ]
          }
        ],
        "note": {
          "ru": "Один или несколько из списка через запятую",
          "en": "One or more from the list"
        }
      }
    },
    {
      "name": "startDate",
      "title": "Дата начала",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "constraints": {
        "required": true
      },
      "x-mentorbase": {
        "titleEn": "Start date",
        "aliases": [
          "Дата начала работы",
          "Дата вхождения в программу",
          "Начало",
          "Дата закрепления"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "plannedEndDate",
      "title": "Плановая дата завершения",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "Planned end",
        "aliases": [
          "Плановое завершение",
          "Срок осуществления плана",
          "Срок реализации"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "endDate",
      "title": "Дата завершения",
      "description": "ДД.ММ.ГГГГ",
      "type": "date",
      "format": "%d.%m.%Y",
      "x-mentorbase": {
        "titleEn": "End date",
        "aliases": [
          "Дата окончания",
          "Фактическая дата завершения",
          "Дата завершения программы"
        ],
        "normalizer": "date",
        "sensitivity": "internal",
        "note": {
          "ru": "ДД.ММ.ГГГГ",
          "en": "DD.MM.YYYY"
        },
        "example": "01.10.2022"
      }
    },
    {
      "name": "endReason",
      "title": "Причина завершения",
      "description": "Из списка: план выполнен, по инициативе участника, по инициативе куратора, другое",
      "type": "string",
      "categories": [
        {
          "value": "plan_completed",
          "label": "план выполнен"
        },
        {
          "value": "participant_initiative",
          "label": "по инициативе участника"
        },
        {
          "value": "curator_initiative",
          "label": "по инициативе куратора"
        },
        {
          "value": "other",
          "label": "другое"
        }
      ],
      "constraints": {
        "enum": [
          "plan_completed",
          "participant_initiative",
          "curator_initiative",
          "other"
        ]
      },
      "x-mentorbase": {
        "titleEn": "End reason",
        "aliases": [
          "Основание завершения"
        ],
        "normalizer": "code",
        "sensitivity": "internal",
        "codes": [
          {
            "value": "plan_completed",
            "label": "план выполнен",
            "labelEn": "plan completed",
            "synonyms": [
              "завершение плана",
              "выполнение плана",
              "план реализован",
              "завершен"
            ]
          },
          {
            "value": "participant_initiative",
            "label": "по инициативе участника",
            "labelEn": "participant's initiative",
            "synonyms": [
              "по инициативе наставника",
              "по инициативе наставляемого",
              "по желанию участника"
            ]
          },
          {
            "value": "curator_initiative",
            "label": "по инициативе куратора",
            "labelEn": "curator's initiative",
            "synonyms": [
              "по решению куратора"
            ]
          },
          {
            "value": "other",
            "label": "другое",
            "labelEn": "other",
            "synonyms": [
              "иное"
            ]
          }
        ],
        "note": {
          "ru": "Из списка: план выполнен, по инициативе участника, по инициативе куратора, другое",
          "en": "From the list"
        }
      }
    },
    {
      "name": "place",
      "title": "Место реализации программы наставничества",
      "description": "Место реализации программы наставничества",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Place",
        "aliases": [
          "Место реализации",
          "Место проведения"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Место реализации программы наставничества",
          "en": "Place"
        }
      }
    },
    {
      "name": "order",
      "title": "Приказ",
      "description": "Например «Приказ № 46-О от 31.08.2022»",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Order",
        "aliases": [
          "Приказ о закреплении",
          "Реквизиты приказа",
          "Номер и дата приказа",
          "Приказ №"
        ],
        "normalizer": "text",
        "sensitivity": "internal",
        "note": {
          "ru": "Например «Приказ № 46-О от 31.08.2022»",
          "en": "Order"
        }
      }
    },
    {
      "name": "results",
      "title": "Результаты программы",
      "description": "Результаты программы",
      "type": "string",
      "x-mentorbase": {
        "titleEn": "Results",
        "aliases": [
          "Результаты",
          "Результат"
        ],
        "normalizer": "text",
        "sensitivity": "public",
        "note": {
          "ru": "Результаты программы",
          "en": "Results"
        }
      }
    },
    {
      "name": "caseLink",
      "title": "Ссылка на кейс",
      "description": "Ссылка, начинается с https://",
      "type": "string",
      "format": "uri",
      "x-mentorbase": {
        "titleEn": "Case link",
        "aliases": [
          "Ссылка на кейс/отзыв",
          "Ссылка на отзыв"
        ],
        "normalizer": "url",
        "sensitivity": "public",
        "publishAs": "case",
        "note": {
          "ru": "Ссылка, начинается с https://",
          "en": "A link starting with https://"
        },
        "example": "https://school4.ru/nastavnichestvo/keis-1"
      }
    },
    {
      "name": "schoolYear",
      "title": "Учебный год",
      "description": "Например 2022/2023",
      "type": "string",
      "constraints": {
        "pattern": "^\\d{4}/\\d{4}$"
      },
      "x-mentorbase": {
        "titleEn": "School year",
        "aliases": [
          "Уч. год",
          "Учебный год реализации"
        ],
        "normalizer": "schoolYear",
        "sensitivity": "internal",
        "note": {
          "ru": "Например 2022/2023",
          "en": "e.g. 2022/2023"
        },
        "example": "2022/2023"
      }
    }
  ],
  "missingValues": [
    "",
    "н/д",
    "нет данных",
    "—",
    "–"
  ],
  "uniqueKeys": [
    [
      "pairId"
    ]
  ],
  "foreignKeys": [
    {
      "fields": [
        "mentorName"
      ],
      "reference": {
        "resource": "mentors",
        "fields": [
          "fullName"
        ]
      }
    },
    {
      "fields": [
        "menteeNames"
      ],
      "reference": {
        "resource": "mentees",
        "fields": [
          "fullName"
        ]
      }
    }
  ],
  "x-mentorbase": {
    "kind": "pairs",
    "version": 1,
    "title": {
      "ru": "Наставнические пары и группы",
      "en": "Mentoring pairs and groups"
    },
    "rules": [
      {
        "id": "pair-dates-in-order",
        "code": "date-order",
        "severity": "error",
        "description": {
          "ru": "Дата начала не позже плановой и фактической даты завершения",
          "en": "Start not after the planned or actual end"
        }
      },
      {
        "id": "speed-same-day",
        "code": "speed-same-day",
        "severity": "error",
        "description": {
          "ru": "Скоростное наставничество начинается и заканчивается в один день",
          "en": "A speed pairing starts and ends the same day"
        }
      },
      {
        "id": "program-duration",
        "code": "program-duration",
        "severity": "warning",
        "description": {
          "ru": "Персонализированная программа длится от 3 до 12 месяцев",
          "en": "A personalised program lasts 3–12 months"
        }
      },
      {
        "id": "group-size",
        "code": "group-too-small",
        "severity": "error",
        "description": {
          "ru": "В группе не меньше двух наставляемых",
          "en": "A group has at least two mentees"
        }
      },
      {
        "id": "end-reason-needs-end-date",
        "code": "end-date-missing",
        "severity": "warning",
        "description": {
          "ru": "Причина завершения указана — нужна и дата завершения",
          "en": "An end reason needs an end date"
        }
      },
      {
        "id": "school-year-fits",
        "code": "school-year-mismatch",
        "severity": "warning",
        "description": {
          "ru": "Дата начала входит в указанный учебный год",
          "en": "The start date lies in the school year given"
        }
      },
      {
        "id": "unique-pair",
        "code": "unique-error",
        "severity": "error",
        "description": {
          "ru": "Пара (наставник, наставляемые, дата начала) и № пары не повторяются",
          "en": "A pair and its number do not repeat"
        }
      }
    ]
  }
}
"""#),
    ]
}
