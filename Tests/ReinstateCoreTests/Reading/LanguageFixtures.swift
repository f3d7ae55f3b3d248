import Foundation

@testable import ReinstateCore

// Our own sample texts in the shape of Amazon's replies, one per language.

let germanReply = """
    Guten Tag,

    wir haben Ihre Einreichung erhalten, haben jedoch nicht genügend Informationen, um Ihr Verkäuferkonto zu reaktivieren. Bitte senden Sie uns Folgendes:
    – Weitere Einzelheiten zu den Ursachen für beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung.
    – Weitere Einzelheiten zu den Maßnahmen, die Sie ergriffen haben, um beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung zu beheben.
    – Weitere Einzelheiten zu den Schritten, die Sie unternommen haben, um beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung künftig zu verhindern.
    Wie sende ich die angeforderten Informationen?
    Antworten Sie bitte auf diese Nachricht.
    Was passiert, wenn ich die angeforderten Informationen nicht sende?
    Wenn wir die angeforderten Informationen nicht innerhalb von 14 Tagen nach der ursprünglichen Benachrichtigung erhalten, bleibt Ihr Konto auf Amazon.de deaktiviert.
    """

let frenchReply = """
    Bonjour,

    Nous avons reçu votre demande, mais nous ne disposons pas de suffisamment d'informations pour réactiver votre compte. Veuillez nous envoyer les éléments suivants :
    - Plus de détails sur les causes profondes des retards de livraison.
    - Plus de détails sur les mesures que vous avez prises pour résoudre les retards de livraison.
    - Plus de détails sur les mesures que vous avez prises pour éviter les retards de livraison à l'avenir.
    Comment envoyer les informations demandées ?
    Si nous ne recevons pas les informations demandées dans un délai de 14 jours à compter de la notification initiale, votre compte restera désactivé.
    """

let spanishReply = """
    Hola:

    Hemos recibido su solicitud, pero no tenemos suficiente información para reactivar su cuenta. Envíenos lo siguiente:
    • Más detalles sobre la causa raíz de los pedidos cancelados por falta de existencias.
    • Más detalles sobre las medidas que ha tomado para resolver los pedidos cancelados por falta de existencias.
    • Más detalles sobre los pasos que ha tomado para evitar los pedidos cancelados por falta de existencias en el futuro.
    ¿Cómo envío la información solicitada?
    Si no recibimos la información solicitada en un plazo de diecisiete días, su cuenta seguirá desactivada.
    """

let italianReply = """
    Ciao,

    abbiamo ricevuto la tua richiesta, ma non disponiamo di informazioni sufficienti per riattivare il tuo account. Inviaci quanto segue:
    1. Maggiori dettagli sulla causa principale delle spedizioni consegnate in ritardo.
    2. Maggiori dettagli sulle azioni intraprese per risolvere le spedizioni consegnate in ritardo.
    3. Maggiori dettagli sulle misure adottate per evitare le spedizioni consegnate in ritardo in futuro.
    Come posso inviare le informazioni richieste?
    Se non riceviamo le informazioni richieste entro 14 giorni dalla notifica originale, il tuo account resterà disattivato.
    """

let japaneseReply = """
    出品者様
    ご提出いただいた情報を確認しましたが、アカウントを再開するには情報が不足しています。以下の情報をお送りください：
    ・梱包不備による商品の破損の根本原因に関する詳細
    ・梱包不備による商品の破損を解決するために講じた措置に関する詳細
    ・今後、梱包不備による商品の破損を防止するために講じた措置に関する詳細
    最初の通知から14日以内に必要な情報をお送りいただけない場合、アカウントは停止されたままとなります。
    """

let chineseReply = """
    您好：
    我们已收到您的申诉，但没有足够的信息来恢复您的账户。请提供以下信息：
    1. 有关因包装不当导致货件损坏、不完整或丢失的根本原因的更多详细信息。
    2. 有关您为解决因包装不当导致货件损坏、不完整或丢失而采取的措施的更多详细信息。
    3. 有关您为防止今后因包装不当导致货件损坏、不完整或丢失而采取的措施的更多详细信息。
    如果我们在原始通知后的14天内未收到所需信息，您的账户将继续处于停用状态。
    """

/// `chineseReply` in GBK, base64-encoded with CRLF line ends (made with Python's gbk codec).
let chineseReplyGBKBase64 = """
    xPq6w6O6DQrO0sPH0tHK1bW9xPq1xMnqy9+jrLWrw7vT0Nfjubu1xNDFz6LAtLvWuLTE+rXE1cu7
    p6Gjx+vM4bmp0tTPwtDFz6Kjug0KMS4g09C52NLysPzXsLK7tbG1vNbCu/W8/svwu7WhorK7zerV
    +7vytqrKp7XEuPmxvtSt0vK1xLj8tuDP6s+40MXPoqGjDQoyLiDT0LnYxPrOqr3ivvbS8rD817Cy
    u7WxtbzWwrv1vP7L8Lu1oaKyu83q1fu78raqyqe2+LLJyKG1xLTryqm1xLj8tuDP6s+40MXPoqGj
    DQozLiDT0LnYxPrOqrfA1rm98brz0vKw/Newsru1sbW81sK79bz+y/C7taGisrvN6tX7u/K2qsqn
    tviyycihtcS068qptcS4/Lbgz+rPuNDFz6Khow0KyOe5+87Sw8fU2tStyrzNqNaquvO1xDE0zOzE
    2s60ytW1vcv50OjQxc+io6zE+rXE1cu7p72rvMzQ+LSm09rNo9PD17TMrKGjDQo=
    """

/// `japaneseReply` in EUC-JP, base64-encoded (made with Python's euc-jp codec).
let japaneseReplyEUCJPBase64 = """
    vdDJyrzUzc0NCqS0xPO90KSkpL+kwKSkpL++8MrzpPKzzsenpLek3qS3pL+krKGipaKlq6WmpfOl
    yKTyusazq6S5pOuky6TPvvDK86SsydTCraS3pMakpKTepLmho7DKsrykzr7wyvOk8qSqwfek6qSv
    pMCktaSkoacNCqGmuq3K8cnUyPeky6TopOu+psnKpM7Hy8K7pM66rMvcuLaw+KTLtNikuaTrvty6
    2Q0Koaa6rcrxydTI96TLpOik676mycqkzsfLwruk8rLyt+ikuaTrpL+k4aTLudakuKS/wbzD1qTL
    tNikuaTrvty62Q0Koaa6o7jloaK6rcrxydTI96TLpOik676mycqkzsfLwruk8svJu9+kuaTrpL+k
    4aTLudakuKS/wbzD1qTLtNikuaTrvty62Q0Kuse96aTOxMzDzqSrpOkxNMb8sMrG4qTLyazN16TK
    vvDK86TypKrB96TqpKSkv6TApLGkyqSkvuy556GipaKlq6WmpfOlyKTPxOS736S1pOykv6TepN6k
    yKTKpOqk3qS5oaMNCg==
    """

/// `japaneseReply` in ISO-2022-JP, base64-encoded (made with Python's iso-2022-jp codec).
let japaneseReplyISO2022JPBase64 = """
    GyRCPVBJSjxUTU0bKEIKGyRCJDREcz1QJCQkPyRAJCQkPz5wSnMkcjNORyckNyReJDckPyQsISIl
    IiUrJSYlcyVIJHI6RjMrJDkkayRLJE8+cEpzJCxJVEItJDckRiQkJF4kOSEjMEoyPCROPnBKcyRy
    JCpBdyRqJC8kQCQ1JCQhJxsoQgobJEIhJjotSnFJVEh3JEskaCRrPiZJSiROR0tCOyROOixLXDg2
    MHgkSzRYJDkkaz5cOlkbKEIKGyRCISY6LUpxSVRIdyRLJGgkaz4mSUokTkdLQjskcjJyN2gkOSRr
    JD8kYSRLOVYkOCQ/QTxDViRLNFgkOSRrPlw6WRsoQgobJEIhJjojOGUhIjotSnFJVEh3JEskaCRr
    PiZJSiROR0tCOyRyS0k7XyQ5JGskPyRhJEs5ViQ4JD9BPENWJEs0WCQ5JGs+XDpZGyhCChskQjpH
    PWkkTkRMQ04kKyRpGyhCMTQbJEJGfDBKRmIkS0ksTVckSj5wSnMkciQqQXckaiQkJD8kQCQxJEok
    JD5sOWchIiUiJSslJiVzJUgkT0RkO18kNSRsJD8kXiReJEgkSiRqJF4kOSEjGyhC
    """

let germanTopic = "beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung"
let japaneseTopic = "梱包不備による商品の破損"
let chineseTopic = "因包装不当导致货件损坏、不完整或丢失"

let japaneseRequests = [
    ReadRequest(text: "梱包不備による商品の破損の根本原因に関する詳細", aspect: .rootCause, topic: japaneseTopic),
    ReadRequest(text: "梱包不備による商品の破損を解決するために講じた措置に関する詳細", aspect: .correctiveAction, topic: japaneseTopic),
    ReadRequest(text: "今後、梱包不備による商品の破損を防止するために講じた措置に関する詳細", aspect: .preventiveMeasure, topic: japaneseTopic),
]

let chineseRequests = [
    ReadRequest(text: "有关因包装不当导致货件损坏、不完整或丢失的根本原因的更多详细信息。", aspect: .rootCause, topic: chineseTopic),
    ReadRequest(text: "有关您为解决因包装不当导致货件损坏、不完整或丢失而采取的措施的更多详细信息。", aspect: .correctiveAction, topic: chineseTopic),
    ReadRequest(text: "有关您为防止今后因包装不当导致货件损坏、不完整或丢失而采取的措施的更多详细信息。", aspect: .preventiveMeasure, topic: chineseTopic),
]
